// Reads exact byte counts out of a stream of chunks of any size, keeping the absolute offset so that
// errors can say where in the file the problem is. Only the current chunk is held, never the whole file.
import { TraceError } from './trace.ts';

export class ByteReader {
  private chunk: Uint8Array = new Uint8Array(0);
  private pos = 0;
  private done = false;
  /** Absolute offset of the next unread byte. */
  offset = 0;

  constructor(
    private readonly source: AsyncIterator<Uint8Array>,
    private readonly onProgress?: (bytesRead: number) => void,
  ) {}

  private async pull(): Promise<boolean> {
    while (!this.done) {
      const next = await this.source.next();
      if (next.done) {
        this.done = true;
        break;
      }
      if (next.value.length > 0) {
        this.chunk = next.value;
        this.pos = 0;
        return true;
      }
    }
    return false;
  }

  /** Fills dest completely; `what` names the field for the truncation message. */
  async readInto(dest: Uint8Array, what: string): Promise<void> {
    const start = this.offset;
    let filled = 0;
    while (filled < dest.length) {
      if (this.pos === this.chunk.length && !(await this.pull())) {
        throw new TraceError(
          `truncated binary trace: ${what} needs ${dest.length} bytes from byte offset ${start}, but the data ends at byte offset ${this.offset}`,
        );
      }
      const take = Math.min(dest.length - filled, this.chunk.length - this.pos);
      dest.set(this.chunk.subarray(this.pos, this.pos + take), filled);
      this.pos += take;
      filled += take;
      this.offset += take;
    }
    this.onProgress?.(this.offset);
  }

  async readBytes(length: number, what: string): Promise<Uint8Array> {
    const out = new Uint8Array(length);
    await this.readInto(out, what);
    return out;
  }

  /** True when no byte is left. */
  async atEnd(): Promise<boolean> {
    return this.pos === this.chunk.length && !(await this.pull());
  }
}

/** Async iteration over a web ReadableStream (File.stream(), fetch bodies) for runtimes that lack it. */
export async function* chunksOf(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}
