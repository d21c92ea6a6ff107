// The binary form of a routing trace (docs/routing-trace-format.md): a 32-byte header, then one block per
// sequence holding its metadata and, per layer, its counts / ids / weights as raw little-endian arrays.
import { idBytes, numSequences, numTokens, padValue, type RoutingTrace } from './trace.ts';

export const MAGIC = 'TLRT';
export const BINARY_VERSION = 1;
export const HEADER_BYTES = 32;
export const FLAG_VARIABLE_K = 1;
export const FLAG_WEIGHTS = 2;

/** Raw typed-array bytes are written and read as they sit in memory, so the host must be little-endian. */
export function assertLittleEndian(): void {
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error('routing traces need a little-endian host');
}

function bytesOf(array: ArrayBufferView): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

export function encodeHeader(trace: RoutingTrace): Uint8Array {
  const header = new Uint8Array(HEADER_BYTES);
  const view = new DataView(header.buffer);
  for (let i = 0; i < 4; i++) header[i] = MAGIC.charCodeAt(i);
  view.setUint16(4, BINARY_VERSION, true);
  view.setUint16(6, (trace.variableK ? FLAG_VARIABLE_K : 0) | (trace.weights ? FLAG_WEIGHTS : 0), true);
  view.setUint32(8, trace.numLayers, true);
  view.setUint32(12, trace.numExperts, true);
  view.setUint32(16, trace.topK, true);
  view.setUint32(20, numSequences(trace), true);
  view.setUint32(24, numTokens(trace), true);
  header[28] = idBytes(trace.numExperts);
  return header;
}

function encodeMeta(trace: RoutingTrace, s: number): Uint8Array {
  const meta: Record<string, unknown> = {};
  if (trace.domains[s] !== null) meta.domain = trace.domains[s];
  if (trace.tokens[s]) meta.tokens = trace.tokens[s];
  const text = Object.keys(meta).length ? JSON.stringify(meta) : '';
  const body = new TextEncoder().encode(text);
  const out = new Uint8Array(8 + body.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, trace.seqStarts[s + 1] - trace.seqStarts[s], true);
  view.setUint32(4, body.length, true);
  out.set(body, 8);
  return out;
}

/**
 * Yields the binary form piece by piece (views into the trace's arrays, no copy of the ids), so a
 * caller can stream a huge trace to a file or a Blob without building it whole.
 */
export function* writeBinaryTrace(trace: RoutingTrace): Generator<Uint8Array> {
  assertLittleEndian();
  const { topK, counts, weights } = trace;
  const width = idBytes(trace.numExperts);
  const pad = padValue(trace.numExperts);
  yield encodeHeader(trace);
  for (let s = 0; s < numSequences(trace); s++) {
    const a = trace.seqStarts[s];
    const b = trace.seqStarts[s + 1];
    yield encodeMeta(trace, s);
    for (let l = 0; l < trace.numLayers; l++) {
      if (counts) {
        // Counts share the ids' width (a count never exceeds E, which fits that width).
        const c = width === 1 ? Uint8Array.from(counts[l].subarray(a, b)) : counts[l].subarray(a, b);
        yield bytesOf(c);
      }
      const ids = trace.experts[l].subarray(a * topK, b * topK);
      if (counts) {
        // Canonical padding: whatever sits after a token's count is written as PAD.
        const clean = ids.slice();
        for (let t = a; t < b; t++) clean.fill(pad, (t - a) * topK + counts[l][t], (t - a + 1) * topK);
        yield bytesOf(clean);
      } else {
        yield bytesOf(ids);
      }
      if (weights) yield bytesOf(weights[l].subarray(a * topK, b * topK));
    }
  }
}

/** Byte arrays joined end to end. */
export function concatBytes(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** The whole binary form in one array (small traces, tests, downloads). */
export const encodeBinaryTrace = (trace: RoutingTrace): Uint8Array => concatBytes([...writeBinaryTrace(trace)]);
