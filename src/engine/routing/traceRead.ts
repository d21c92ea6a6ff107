// One entry point for trace files of either form: sniff the first bytes, then stream the binary form or
// parse the JSON form (small by design, so it is read whole).
import { readBinaryTrace, type ReadOptions } from './traceBinaryRead.ts';
import { concatBytes, MAGIC } from './traceBinaryWrite.ts';
import { parseJsonTrace } from './traceJson.ts';
import { TraceError, type RoutingTrace } from './trace.ts';

async function* replay(first: Uint8Array[], rest: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield* first;
  for (;;) {
    const next = await rest.next();
    if (next.done) return;
    yield next.value;
  }
}

export async function readTrace(chunks: AsyncIterable<Uint8Array>, options: ReadOptions = {}): Promise<RoutingTrace> {
  const source = chunks[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let seen = 0;
  while (seen < MAGIC.length) {
    const next = await source.next();
    if (next.done) break;
    head.push(next.value);
    seen += next.value.length;
  }
  const start = concatBytes(head).subarray(0, MAGIC.length);
  if (String.fromCharCode(...start) === MAGIC) return readBinaryTrace(replay(head, source), options);

  const parts = [...head];
  for (;;) {
    const next = await source.next();
    if (next.done) break;
    parts.push(next.value);
  }
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(concatBytes(parts)));
  } catch (error) {
    throw new TraceError(`neither a binary trace (no "${MAGIC}" magic) nor valid JSON: ${(error as Error).message}`);
  }
  return parseJsonTrace(value);
}

/** Reads a trace held whole in memory (tests, small files). */
export function readTraceBytes(bytes: Uint8Array, options: ReadOptions = {}): Promise<RoutingTrace> {
  return readTrace(
    (async function* () {
      yield bytes;
    })(),
    options,
  );
}
