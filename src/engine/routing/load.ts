// Per-layer load diagnostics (ALGORITHMS.md Part 2 §2): expert load, its coefficient of variation,
// router entropy from the recorded weights, and the drop rate a capacity factor would cause.
import { numSequences, numTokens, type RoutingTrace } from './trace.ts';

/** load_e = activations of expert e / all activations at the layer (sums to 1; N·k slots for top-k). */
export function expertLoad(trace: RoutingTrace, layer: number): Float64Array {
  const { topK: k, numExperts } = trace;
  const ids = trace.experts[layer];
  const counts = trace.counts?.[layer];
  const used = new Float64Array(numExperts);
  let total = 0;
  for (let t = 0; t < numTokens(trace); t++) {
    const end = t * k + (counts ? counts[t] : k);
    for (let i = t * k; i < end; i++) used[ids[i]]++;
    total += end - t * k;
  }
  if (total > 0) for (let e = 0; e < numExperts; e++) used[e] /= total;
  return used;
}

/** Population std / mean; 0 for perfect balance (and for an all-zero vector). */
export function coefficientOfVariation(values: ArrayLike<number>): number {
  const n = values.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i];
  mean /= n;
  if (mean === 0) return 0;
  let variance = 0;
  for (let i = 0; i < n; i++) variance += (values[i] - mean) ** 2;
  return Math.sqrt(variance / n) / mean;
}

/**
 * Weights are read as probabilities (renormalised over the listed experts) when none in the trace is
 * negative, and as logits (softmax over the listed experts) otherwise. With all E experts listed this
 * is the router's full distribution; with the top-k only, it is the distribution of the gate mixture.
 */
export function weightsAreLogits(trace: RoutingTrace): boolean {
  return trace.weights?.some((layer) => layer.some((w) => w < 0)) ?? false;
}

export interface RouterEntropy {
  /** mean_t H(p_t) / ln E. */
  mean: number;
  /** H(mean_t p_t) / ln E: high with a low `mean` = confident and balanced. */
  marginal: number;
}

/** Normalised router entropy at one layer; null when the trace has no weights. */
export function routerEntropy(
  trace: RoutingTrace,
  layer: number,
  logits = weightsAreLogits(trace),
): RouterEntropy | null {
  if (!trace.weights) return null;
  const { topK: k, numExperts: E } = trace;
  const ids = trace.experts[layer];
  const w = trace.weights[layer];
  const counts = trace.counts?.[layer];
  const marginal = new Float64Array(E);
  const p = new Float64Array(Math.max(k, 1));
  let sum = 0;
  let tokens = 0;
  for (let t = 0; t < numTokens(trace); t++) {
    const from = t * k;
    const c = counts ? counts[t] : k;
    let mass = 0;
    let shift = -Infinity;
    if (logits) for (let j = 0; j < c; j++) shift = Math.max(shift, w[from + j]);
    for (let j = 0; j < c; j++) {
      p[j] = logits ? Math.exp(w[from + j] - shift) : w[from + j];
      mass += p[j];
    }
    if (!(mass > 0)) continue;
    let h = 0;
    for (let j = 0; j < c; j++) {
      const q = p[j] / mass;
      if (q > 0) h -= q * Math.log(q);
      marginal[ids[from + j]] += q;
    }
    sum += h;
    tokens++;
  }
  if (tokens === 0 || E === 1) return { mean: 0, marginal: 0 };
  let hMarginal = 0;
  for (let e = 0; e < E; e++) {
    const q = marginal[e] / tokens;
    if (q > 0) hMarginal -= q * Math.log(q);
  }
  return { mean: sum / tokens / Math.log(E), marginal: hMarginal / Math.log(E) };
}

/**
 * Fraction of slots each capacity factor would drop, each sequence taken as one batch:
 * cap = ⌈CF · slots / E⌉ per expert. Which slots are dropped depends on the serving order (first choices
 * before second ones, higher weights first, §3.2), but how many does not: an expert routed n slots keeps
 * min(n, cap) of them whatever the order. So one count per expert and sequence serves every factor.
 */
export function dropRates(trace: RoutingTrace, layer: number, capacityFactors: number[]): number[] {
  const { topK: k, numExperts: E } = trace;
  const ids = trace.experts[layer];
  const counts = trace.counts?.[layer];
  const routed = new Int32Array(E);
  const dropped = new Float64Array(capacityFactors.length);
  let slots = 0;
  for (let s = 0; s < numSequences(trace); s++) {
    const a = trace.seqStarts[s];
    const b = trace.seqStarts[s + 1];
    let seqSlots = 0;
    routed.fill(0);
    for (let t = a; t < b; t++) {
      const end = t * k + (counts ? counts[t] : k);
      for (let i = t * k; i < end; i++) routed[ids[i]]++;
      seqSlots += end - t * k;
    }
    capacityFactors.forEach((capacityFactor, j) => {
      const cap = Math.ceil((capacityFactor * seqSlots) / E);
      for (let e = 0; e < E; e++) if (routed[e] > cap) dropped[j] += routed[e] - cap;
    });
    slots += seqSlots;
  }
  return Array.from(dropped, (d) => (slots > 0 ? d / slots : 0));
}

/** The drop rate of one capacity factor (see `dropRates`). */
export function dropRate(trace: RoutingTrace, layer: number, capacityFactor: number): number {
  return dropRates(trace, layer, [capacityFactor])[0];
}
