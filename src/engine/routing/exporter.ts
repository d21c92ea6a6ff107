// Turns routing recorded from a model into a trace: feed it the per-layer top-k ids (and weights) of
// each batch, as tf.topk returns them after dataSync, and take the trace (then JSON or binary) at the end.
import { TraceError, allocateIds, checkShape, findBadId, type RoutingTrace, type TraceShape } from './trace.ts';

export interface RecordedLayer {
  /** [batchTokens × width] row-major: each token's expert ids in descending router score. */
  ids: ArrayLike<number>;
  /** Same shape as ids: the router weights (gates or probabilities) of those experts. */
  weights?: ArrayLike<number>;
  /** [batchTokens]: ids used per token, for variable-k routers (the rest of the row is ignored). */
  counts?: ArrayLike<number>;
}

export interface RecordedBatch {
  /** Tokens per sequence; the batch holds ids.length / (width · seqLength) sequences back to back. */
  seqLength: number;
  /** One entry per MoE layer, in layer order. */
  layers: RecordedLayer[];
  /** Row width of ids when it differs from topK (e.g. top-p routers padded to E). */
  width?: number;
  tokens?: Array<Array<string | number> | null>;
  domains?: Array<string | null>;
}

interface Part {
  tokens: number;
  ids: ArrayLike<number>[];
  weights: (ArrayLike<number> | undefined)[];
  counts: (ArrayLike<number> | undefined)[];
  width: number;
}

export class TraceRecorder {
  private readonly parts: Part[] = [];
  private readonly seqLengths: number[] = [];
  private readonly tokens: Array<Array<string | number> | null> = [];
  private readonly domains: Array<string | null> = [];
  private hasWeights: boolean | null = null;

  constructor(private readonly shape: TraceShape) {
    checkShape(shape, (field) => field);
  }

  /** Records one batch; the arrays are copied, so the caller may reuse its buffers. */
  add(batch: RecordedBatch): void {
    const { numLayers, topK, variableK } = this.shape;
    const width = batch.width ?? topK;
    if (batch.layers.length !== numLayers)
      throw new TraceError(`batch has ${batch.layers.length} layers, expected ${numLayers}`);
    const tokens = batch.layers[0].ids.length / width;
    if (!Number.isInteger(tokens) || tokens % batch.seqLength !== 0) {
      throw new TraceError(
        `layer 0: ${batch.layers[0].ids.length} ids are not whole sequences of ${batch.seqLength} tokens × ${width}`,
      );
    }
    if (!variableK && width !== topK)
      throw new TraceError(`width ${width} differs from topK ${topK}; pass counts for variable-k routers`);
    batch.layers.forEach((layer, l) => {
      if (layer.ids.length !== tokens * width)
        throw new TraceError(`layer ${l}: ${layer.ids.length} ids, expected ${tokens * width}`);
      if (layer.weights && layer.weights.length !== layer.ids.length)
        throw new TraceError(`layer ${l}: weights and ids differ in length`);
      if (variableK && layer.counts?.length !== tokens)
        throw new TraceError(`layer ${l}: variable-k routing needs counts for each of ${tokens} tokens`);
      const hasWeights = layer.weights !== undefined;
      if (this.hasWeights !== null && this.hasWeights !== hasWeights)
        throw new TraceError(`layer ${l}: weights recorded for some layers or batches only`);
      this.hasWeights = hasWeights;
    });
    const copy = <T extends ArrayLike<number> | undefined>(a: T) => (a ? Float64Array.from(a) : undefined);
    this.parts.push({
      tokens,
      width,
      ids: batch.layers.map((layer) => Int32Array.from(layer.ids)),
      weights: batch.layers.map((layer) => copy(layer.weights)),
      counts: batch.layers.map((layer) => copy(layer.counts)),
    });
    const numSeqs = tokens / batch.seqLength;
    for (let s = 0; s < numSeqs; s++) {
      this.seqLengths.push(batch.seqLength);
      this.tokens.push(batch.tokens?.[s] ?? null);
      this.domains.push(batch.domains?.[s] ?? null);
    }
  }

  /** The trace of everything recorded so far. */
  toTrace(): RoutingTrace {
    const { numLayers, numExperts, variableK } = this.shape;
    let topK = this.shape.topK;
    if (variableK) {
      topK = 0;
      for (const part of this.parts)
        for (const c of part.counts) for (let t = 0; t < c!.length; t++) topK = Math.max(topK, c![t]);
    }
    const total = this.seqLengths.reduce((a, b) => a + b, 0);
    const seqStarts = new Int32Array(this.seqLengths.length + 1);
    this.seqLengths.forEach((length, s) => (seqStarts[s + 1] = seqStarts[s] + length));
    const experts = Array.from({ length: numLayers }, () => allocateIds(numExperts, total * topK));
    const counts = variableK ? Array.from({ length: numLayers }, () => new Uint16Array(total)) : null;
    const weights = this.hasWeights ? Array.from({ length: numLayers }, () => new Float32Array(total * topK)) : null;
    const seen = new Int32Array(numExperts);
    let stamp = 0;
    let base = 0;
    for (const part of this.parts) {
      for (let l = 0; l < numLayers; l++) {
        for (let t = 0; t < part.tokens; t++) {
          const c = variableK ? part.counts[l]![t] : topK;
          const given = part.counts[l]?.[t];
          if (!variableK && given !== undefined && given !== topK) {
            throw new TraceError(
              `token ${base + t}, layer ${l}: ${given} experts but topK is ${topK}; record with variableK: true (top-p, null experts)`,
            );
          }
          if (!Number.isInteger(c) || c < 0 || c > part.width)
            throw new TraceError(`token ${base + t}, layer ${l}: count ${c} is not in 0..${part.width}`);
          const bad = findBadId(part.ids[l], t * part.width, c, numExperts, seen, ++stamp);
          if (bad) throw new TraceError(`token ${base + t}, layer ${l}: ${bad.reason}`);
          const at = (base + t) * topK;
          for (let j = 0; j < c; j++) {
            experts[l][at + j] = part.ids[l][t * part.width + j];
            if (weights) weights[l][at + j] = part.weights[l]![t * part.width + j];
          }
          if (counts) counts[l][base + t] = c;
        }
      }
      base += part.tokens;
    }
    return {
      numLayers,
      numExperts,
      topK,
      variableK,
      seqStarts,
      experts,
      counts,
      weights,
      tokens: [...this.tokens],
      domains: [...this.domains],
    };
  }
}

/** One-shot export of already-collected batches. */
export function exportRouting(shape: TraceShape, batches: RecordedBatch[]): RoutingTrace {
  const recorder = new TraceRecorder(shape);
  for (const batch of batches) recorder.add(batch);
  return recorder.toTrace();
}
