// Inter-layer expert affinity (ALGORITHMS.md Part 2 §2, after ExFlow): how a token's experts at layer l
// predict its experts at layer l+1.
import { numTokens, type RoutingTrace } from './trace.ts';

export interface LayerAffinity {
  from: number;
  to: number;
  /** counts[a·E + b] = tokens with a at layer `from` and b at layer `to`. */
  counts: Float64Array;
  /** conditional[a·E + b] = P(b at `to` | a at `from`) = counts / n_a; rows sum to k (0 rows when n_a = 0). */
  conditional: Float64Array;
  /** counts·N / (n_a·n_b): 1 where the layers are independent; 0 where n_a or n_b is 0. */
  ratio: Float64Array;
  /** mean over experts a with n_a > 0 of max_b P(b|a) / k: 1 when the next layer copies this one. */
  peak: number;
}

export function interLayerAffinity(trace: RoutingTrace, from: number, to = from + 1): LayerAffinity {
  const { numExperts: E, topK: k } = trace;
  const n = numTokens(trace);
  const counts = new Float64Array(E * E);
  const nFrom = new Float64Array(E);
  const nTo = new Float64Array(E);
  const idsA = trace.experts[from];
  const idsB = trace.experts[to];
  for (let t = 0; t < n; t++) {
    const ca = trace.counts ? trace.counts[from][t] : k;
    const cb = trace.counts ? trace.counts[to][t] : k;
    for (let j = 0; j < cb; j++) nTo[idsB[t * k + j]]++;
    for (let i = 0; i < ca; i++) {
      const a = idsA[t * k + i];
      nFrom[a]++;
      for (let j = 0; j < cb; j++) counts[a * E + idsB[t * k + j]]++;
    }
  }
  const conditional = new Float64Array(E * E);
  const ratio = new Float64Array(E * E);
  let peakSum = 0;
  let rows = 0;
  for (let a = 0; a < E; a++) {
    if (nFrom[a] === 0) continue;
    let max = 0;
    for (let b = 0; b < E; b++) {
      const c = counts[a * E + b];
      conditional[a * E + b] = c / nFrom[a];
      if (nTo[b] > 0) ratio[a * E + b] = (c * n) / (nFrom[a] * nTo[b]);
      max = Math.max(max, conditional[a * E + b]);
    }
    peakSum += max / Math.max(k, 1);
    rows++;
  }
  return { from, to, counts, conditional, ratio, peak: rows > 0 ? peakSum / rows : 0 };
}
