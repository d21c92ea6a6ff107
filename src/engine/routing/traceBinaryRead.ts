// Streaming reader of the binary trace form: chunks in, typed arrays out. Every byte is checked where it
// lands, and errors name the byte offset (truncation, counts that disagree, ids out of range).
import { ByteReader } from './byteReader.ts';
import {
  BINARY_VERSION,
  FLAG_VARIABLE_K,
  FLAG_WEIGHTS,
  HEADER_BYTES,
  MAGIC,
  assertLittleEndian,
} from './traceBinaryWrite.ts';
import { readTokens } from './traceJson.ts';
import {
  TraceError,
  allocateBuffer,
  allocateUnfilledIds,
  checkShape,
  idBytes,
  padValue,
  type RoutingTrace,
} from './trace.ts';

export interface ReadOptions {
  /** Called after each read with the number of bytes consumed so far. */
  onProgress?: (bytesRead: number) => void;
  /** Keep the per-layer arrays in SharedArrayBuffers, so a worker pool reads them without copies. */
  shared?: boolean;
}

// Refuse headers that would make us allocate absurd arrays before the body proves them wrong.
const MAX_LAYER_BYTES = 2 ** 31;
const MAX_TRACE_BYTES = 2 ** 33;
const MAX_SEQUENCES = 2 ** 26;

async function readHeader(reader: ByteReader) {
  const bytes = await reader.readBytes(HEADER_BYTES, 'the header');
  const view = new DataView(bytes.buffer);
  const magic = String.fromCharCode(...bytes.subarray(0, 4));
  if (magic !== MAGIC)
    throw new TraceError(`byte offset 0: expected the magic "${MAGIC}", got ${JSON.stringify(magic)}`);
  const version = view.getUint16(4, true);
  if (version !== BINARY_VERSION)
    throw new TraceError(`byte offset 4: unsupported version ${version} (expected ${BINARY_VERSION})`);
  const flags = view.getUint16(6, true);
  if (flags & ~(FLAG_VARIABLE_K | FLAG_WEIGHTS))
    throw new TraceError(`byte offset 6: unknown flags 0x${flags.toString(16)}`);
  const header = {
    numLayers: view.getUint32(8, true),
    numExperts: view.getUint32(12, true),
    topK: view.getUint32(16, true),
    variableK: (flags & FLAG_VARIABLE_K) !== 0,
    hasWeights: (flags & FLAG_WEIGHTS) !== 0,
    numSequences: view.getUint32(20, true),
    numTokens: view.getUint32(24, true),
  };
  const offsets: Record<string, number> = { numLayers: 8, numExperts: 12, topK: 16 };
  checkShape(header, (field) => `byte offset ${offsets[field]} (${field})`);
  if (bytes[28] !== idBytes(header.numExperts)) {
    throw new TraceError(
      `byte offset 28 (idBytes): expected ${idBytes(header.numExperts)} for ${header.numExperts} experts, got ${bytes[28]}`,
    );
  }
  if (header.numTokens * header.topK * bytes[28] > MAX_LAYER_BYTES) {
    throw new TraceError(
      `byte offset 24 (numTokens): ${header.numTokens} tokens × topK ${header.topK} is too large for one layer array`,
    );
  }
  if (header.numLayers * header.numTokens * header.topK * bytes[28] > MAX_TRACE_BYTES) {
    throw new TraceError(
      `byte offset 8 (numLayers): ${header.numLayers} layers of ${header.numTokens} tokens × topK ${header.topK} exceed ${MAX_TRACE_BYTES / 2 ** 30} GiB of ids`,
    );
  }
  if (header.numSequences > MAX_SEQUENCES) {
    throw new TraceError(`byte offset 20 (numSequences): ${header.numSequences} is more than ${MAX_SEQUENCES}`);
  }
  return header;
}

function parseMeta(bytes: Uint8Array, length: number, s: number, offset: number) {
  if (bytes.length === 0) return { tokens: null, domain: null };
  let meta: unknown;
  try {
    meta = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new TraceError(
      `byte offset ${offset}: sequence ${s} metadata is not valid JSON (${(error as Error).message})`,
    );
  }
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) {
    throw new TraceError(`byte offset ${offset}: sequence ${s} metadata must be a JSON object`);
  }
  const { domain, tokens } = meta as { domain?: unknown; tokens?: unknown };
  if (domain !== undefined && typeof domain !== 'string')
    throw new TraceError(`byte offset ${offset}: sequence ${s} domain must be a string`);
  try {
    return { tokens: readTokens(tokens, length, `sequence ${s}`), domain: (domain as string | undefined) ?? null };
  } catch (error) {
    throw new TraceError(`byte offset ${offset}: ${(error as Error).message}`);
  }
}

/** Reads a binary trace from a stream of chunks (a Node read stream, chunksOf(file.stream()), …). */
export async function readBinaryTrace(
  chunks: AsyncIterable<Uint8Array>,
  options: ReadOptions = {},
): Promise<RoutingTrace> {
  assertLittleEndian();
  const reader = new ByteReader(chunks[Symbol.asyncIterator](), options.onProgress);
  const header = await readHeader(reader);
  const { numLayers, numExperts, topK, variableK } = header;
  const width = idBytes(numExperts);
  const pad = padValue(numExperts);
  const shared = options.shared ?? false;
  const experts = Array.from({ length: numLayers }, () =>
    allocateUnfilledIds(numExperts, header.numTokens * topK, shared),
  );
  const counts = variableK
    ? Array.from({ length: numLayers }, () => new Uint16Array(allocateBuffer(header.numTokens * 2, shared)))
    : null;
  const weights = header.hasWeights
    ? Array.from({ length: numLayers }, () => new Float32Array(allocateBuffer(header.numTokens * topK * 4, shared)))
    : null;
  const seqStarts = new Int32Array(header.numSequences + 1);
  const trace: RoutingTrace = {
    numLayers,
    numExperts,
    topK,
    variableK,
    seqStarts,
    experts,
    counts,
    weights,
    tokens: [],
    domains: [],
  };
  const seen = new Int32Array(numExperts);
  let stamp = 0;
  const countBytes = new Uint8Array(width === 1 ? header.numTokens : 0);

  for (let s = 0; s < header.numSequences; s++) {
    const seqOffset = reader.offset;
    const intro = new DataView((await reader.readBytes(8, `sequence ${s} length`)).buffer);
    const length = intro.getUint32(0, true);
    const a = seqStarts[s];
    if (a + length > header.numTokens) {
      throw new TraceError(
        `byte offset ${seqOffset}: sequence ${s} has ${length} tokens, which brings the total past the header's numTokens ${header.numTokens}`,
      );
    }
    seqStarts[s + 1] = a + length;
    const metaOffset = reader.offset;
    const meta = parseMeta(
      await reader.readBytes(intro.getUint32(4, true), `sequence ${s} metadata`),
      length,
      s,
      metaOffset,
    );
    trace.tokens.push(meta.tokens);
    trace.domains.push(meta.domain);

    for (let l = 0; l < numLayers; l++) {
      const where = `sequence ${s}, layer ${l}`;
      let countStart = 0;
      if (counts) {
        countStart = reader.offset;
        const c = counts[l].subarray(a, a + length);
        if (width === 1) {
          await reader.readInto(countBytes.subarray(0, length), `${where} counts`);
          c.set(countBytes.subarray(0, length));
        } else {
          await reader.readInto(new Uint8Array(c.buffer, c.byteOffset, c.byteLength), `${where} counts`);
        }
      }
      const idStart = reader.offset;
      const ids = experts[l].subarray(a * topK, (a + length) * topK);
      await reader.readInto(new Uint8Array(ids.buffer, ids.byteOffset, ids.byteLength), `${where} expert ids`);
      for (let t = 0; t < length; t++) {
        const count = counts ? counts[l][a + t] : topK;
        if (count > topK) {
          throw new TraceError(
            `byte offset ${countStart + t * width}: ${where}, token ${t} lists ${count} experts, more than topK ${topK}`,
          );
        }
        const bad = findBad(ids, t * topK, count, topK, numExperts, pad, seen, ++stamp);
        if (bad)
          throw new TraceError(
            `byte offset ${idStart + (t * topK + bad.index) * width}: ${bad.reason} (${where}, token ${t})`,
          );
      }
      if (weights) {
        const w = weights[l].subarray(a * topK, (a + length) * topK);
        const weightStart = reader.offset;
        await reader.readInto(new Uint8Array(w.buffer, w.byteOffset, w.byteLength), `${where} weights`);
        for (let i = 0; i < w.length; i++) {
          if (!Number.isFinite(w[i])) {
            throw new TraceError(
              `byte offset ${weightStart + i * 4}: weight ${w[i]} is not finite (${where}, token ${Math.floor(i / topK)})`,
            );
          }
        }
      }
    }
  }
  if (seqStarts[header.numSequences] !== header.numTokens) {
    throw new TraceError(
      `byte offset ${reader.offset}: the sequences hold ${seqStarts[header.numSequences]} tokens, but the header's numTokens (byte offset 24) says ${header.numTokens}`,
    );
  }
  if (!(await reader.atEnd()))
    throw new TraceError(`byte offset ${reader.offset}: unexpected data after the last sequence`);
  return trace;
}

/** Ids in range and distinct within the count, PAD after it. Inlined here (not findBadId) to keep the hot loop monomorphic. */
function findBad(
  ids: ArrayLike<number>,
  from: number,
  count: number,
  width: number,
  numExperts: number,
  pad: number,
  seen: Int32Array,
  stamp: number,
): { index: number; reason: string } | null {
  for (let j = 0; j < count; j++) {
    const id = ids[from + j];
    if (id >= numExperts) return { index: j, reason: `expert id ${id} is out of range 0..${numExperts - 1}` };
    if (seen[id] === stamp) return { index: j, reason: `expert id ${id} appears twice` };
    seen[id] = stamp;
  }
  for (let j = count; j < width; j++) {
    if (ids[from + j] !== pad)
      return {
        index: j,
        reason: `slot ${j} after the token's ${count} experts holds ${ids[from + j]} instead of the padding ${pad}`,
      };
  }
  return null;
}
