// A routing trace in memory: which experts each token used at each MoE layer, in compact typed arrays.
// Ids are stored layer-major (one array per layer, rows = tokens), because every statistic walks one
// layer at a time over consecutive tokens; that keeps a 1M-token × 32-layer × top-8 trace at 256 MB
// of uint8 and the hot loops on contiguous memory.

/** Expert ids: uint8 when E ≤ 255, else uint16; the all-ones value marks an unused slot (variable k). */
export type ExpertIds = Uint8Array | Uint16Array;

export interface RoutingTrace {
  numLayers: number;
  numExperts: number;
  /** Ids per token and layer (k of a top-k router); for variable-k routers the largest list length. */
  topK: number;
  /** True for routers whose number of experts varies per token (top-p, null experts, expert choice). */
  variableK: boolean;
  /** Token offsets: sequence s holds global tokens seqStarts[s] .. seqStarts[s+1]-1. Length numSequences+1. */
  seqStarts: Int32Array;
  /** Per layer: ids [numTokens × topK], row t = token t's experts in descending router score, PAD after its count. */
  experts: ExpertIds[];
  /** Per layer: ids per token [numTokens]; null when every token has exactly topK (fixed k). */
  counts: Uint16Array[] | null;
  /** Per layer: router weights [numTokens × topK] beside the ids (0 in unused slots); null when absent. */
  weights: Float32Array[] | null;
  /** Per sequence: its tokens (text pieces or token ids) when the trace has them. */
  tokens: (Array<string | number> | null)[];
  /** Per sequence: its domain label when the trace has one. */
  domains: (string | null)[];
}

/** Bad trace data; the message names the field, sequence, token, layer or byte offset. */
export class TraceError extends Error {}

export const MAX_EXPERTS = 65_535;

export function padValue(numExperts: number): number {
  return numExperts <= 255 ? 255 : 65_535;
}

export function idBytes(numExperts: number): 1 | 2 {
  return numExperts <= 255 ? 1 : 2;
}

/** A buffer for typed arrays, shared between workers (no copy when posted) when `shared` is set. */
export function allocateBuffer(bytes: number, shared = false): ArrayBufferLike {
  return shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
}

/** Ids to be overwritten whole (a binary trace's body holds every slot, padding included). */
export function allocateUnfilledIds(numExperts: number, length: number, shared = false): ExpertIds {
  const buffer = allocateBuffer(length * idBytes(numExperts), shared);
  return numExperts <= 255 ? new Uint8Array(buffer) : new Uint16Array(buffer);
}

/** Ids with every slot unused (PAD). */
export function allocateIds(numExperts: number, length: number, shared = false): ExpertIds {
  return allocateUnfilledIds(numExperts, length, shared).fill(padValue(numExperts));
}

export function numSequences(trace: RoutingTrace): number {
  return trace.seqStarts.length - 1;
}

export function numTokens(trace: RoutingTrace): number {
  return trace.seqStarts[trace.seqStarts.length - 1];
}

/** Number of experts token t used at layer l. */
export function countAt(trace: RoutingTrace, layer: number, token: number): number {
  return trace.counts ? trace.counts[layer][token] : trace.topK;
}

/** Total (token, expert) activations at one layer: N·k for fixed k. */
export function slotsAt(trace: RoutingTrace, layer: number): number {
  if (!trace.counts) return numTokens(trace) * trace.topK;
  let total = 0;
  for (const c of trace.counts[layer]) total += c;
  return total;
}

export interface TraceShape {
  numLayers: number;
  numExperts: number;
  topK: number;
  variableK: boolean;
}

/** Checks the header numbers every trace form shares; `where` prefixes the message (a field or offset). */
export function checkShape(shape: TraceShape, where: (field: string) => string): void {
  const positive = (value: number, field: string, max: number) => {
    if (!Number.isInteger(value) || value < 1 || value > max) {
      throw new TraceError(`${where(field)}: expected an integer in 1..${max}, got ${value}`);
    }
  };
  positive(shape.numLayers, 'numLayers', 100_000);
  positive(shape.numExperts, 'numExperts', MAX_EXPERTS);
  // A variable-k trace may list no expert at all for every token (all null experts), so its max may be 0.
  if (!(shape.variableK && shape.topK === 0)) positive(shape.topK, 'topK', shape.numExperts);
}

/**
 * Checks one token's id list (ids[from .. from+count)) at one layer: ids in range and distinct.
 * `seen` is a scratch array of length E; `stamp` must differ between calls. Returns the index within
 * the list of the first bad id with a reason, or null when the list is fine.
 */
export function findBadId(
  ids: ArrayLike<number>,
  from: number,
  count: number,
  numExperts: number,
  seen: Int32Array,
  stamp: number,
): { index: number; reason: string } | null {
  for (let j = 0; j < count; j++) {
    const id = ids[from + j];
    if (!Number.isInteger(id) || id < 0 || id >= numExperts) {
      return { index: j, reason: `expert id ${id} is out of range 0..${numExperts - 1}` };
    }
    if (seen[id] === stamp) return { index: j, reason: `expert id ${id} appears twice` };
    seen[id] = stamp;
  }
  return null;
}
