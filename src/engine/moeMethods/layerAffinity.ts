// Inter-layer expert affinity of the MoE language model (ALGORITHMS.md Part 2 §2, §3.11): the model's
// routing records become a routing trace, and src/engine/routing computes P(b at l+1 | a at l) for
// each adjacent pair of layers, so recurrent and independent routers can be compared.
import type { RoutingInfo } from '../models/moe/types.ts';
import { exportRouting, interLayerAffinity, type LayerAffinity, type RoutingTrace } from '../routing/index.ts';

/** records[b][l]: batch b's routing at layer l (windows of `seqLength` tokens, token order b·T + t). */
export function routingToTrace(
  records: RoutingInfo[][],
  seqLength: number,
  domainOf?: (batch: number, window: number) => string,
): RoutingTrace {
  if (records.length === 0 || records[0].length === 0) throw new Error('no routing records to turn into a trace');
  const first = records[0][0];
  const variableK = records.some((layers) => layers.some((r) => r.expertsPerToken.some((c) => c !== r.maxK)));
  const width = Math.max(...records.flatMap((layers) => layers.map((r) => r.maxK)));
  const shape = { numLayers: records[0].length, numExperts: first.numExperts, topK: width, variableK };
  return exportRouting(
    shape,
    records.map((layers, b) => ({
      seqLength,
      width,
      layers: layers.map((r) => {
        // Re-pad each record to the common width (top-p records of different batches differ).
        const ids = new Int32Array(r.numTokens * width).fill(-1);
        const weights = new Float32Array(r.numTokens * width);
        for (let t = 0; t < r.numTokens; t++) {
          ids.set(r.topIds.subarray(t * r.maxK, (t + 1) * r.maxK), t * width);
          weights.set(r.topWeights.subarray(t * r.maxK, (t + 1) * r.maxK), t * width);
        }
        return { ids, weights, ...(variableK ? { counts: r.expertsPerToken } : {}) };
      }),
      domains: domainOf ? Array.from({ length: first.numTokens / seqLength }, (_, w) => domainOf(b, w)) : undefined,
    })),
  );
}

/** Affinity of every adjacent layer pair; `peak` = mean_a max_b P(b|a)/k (1 = the next layer copies this one). */
export function adjacentLayerAffinities(trace: RoutingTrace): LayerAffinity[] {
  return Array.from({ length: trace.numLayers - 1 }, (_, l) => interLayerAffinity(trace, l, l + 1));
}
