// SRP, Segment Routing best Performance (ALGORITHMS.md Part 2 §1.1, after moe-lrc's 30_srp_calc.py):
// for every stride-1 window of m tokens and every expert, the count c of window tokens that used the
// expert; pooled histograms H[c] give M(j), P(j), A for every threshold j, and SRP = max_j 2M/(P+A).
import { numSequences, type RoutingTrace } from './trace.ts';
import type { SrpResult } from '../../protocol/reports.ts';
export type { SrpResult };

/** Pooled window counts of one or more layers for one window length m. */
export interface SrpCounts {
  m: number;
  /** hist[c] = number of (window, expert) pairs whose expert was used c times in the window, c = 0..m. */
  hist: Float64Array;
  /** Number of (window, expert) pairs pooled (Σ hist). */
  pairs: number;
}

export function emptySrpCounts(m: number): SrpCounts {
  return { m, hist: new Float64Array(m + 1), pairs: 0 };
}

/**
 * Adds one layer's window counts into `into`. Instead of walking E experts per window, each expert's
 * count is tracked with the window index since which it has held; when it changes, the elapsed
 * windows go to hist[count]. That makes the cost O(tokens × k) per layer, independent of E and m.
 */
export function addSrpCounts(trace: RoutingTrace, layer: number, into: SrpCounts): SrpCounts {
  const { m, hist } = into;
  const E = trace.numExperts;
  const k = trace.topK;
  const ids = trace.experts[layer];
  const counts = trace.counts ? trace.counts[layer] : null;
  const count = new Int32Array(E);
  const since = new Int32Array(E);
  for (let s = 0; s < numSequences(trace); s++) {
    const a = trace.seqStarts[s];
    const b = trace.seqStarts[s + 1];
    const windows = b - a - m + 1;
    if (windows <= 0) continue;
    into.pairs += windows * E;
    for (let t = a; t < a + m; t++) {
      const end = t * k + (counts ? counts[t] : k);
      for (let i = t * k; i < end; i++) {
        count[ids[i]]++;
        since[ids[i]] = 0;
      }
    }
    for (let w = 1; w < windows; w++) {
      const out = a + w - 1;
      const outEnd = out * k + (counts ? counts[out] : k);
      for (let i = out * k; i < outEnd; i++) {
        const e = ids[i];
        hist[count[e]] += w - since[e];
        since[e] = w;
        count[e]--;
      }
      const inn = a + w + m - 1;
      const inEnd = inn * k + (counts ? counts[inn] : k);
      for (let i = inn * k; i < inEnd; i++) {
        const e = ids[i];
        hist[count[e]] += w - since[e];
        since[e] = w;
        count[e]++;
      }
    }
    // Flush: every expert still counted sits in the last window; zero it for the next sequence.
    for (let t = b - m; t < b; t++) {
      const end = t * k + (counts ? counts[t] : k);
      for (let i = t * k; i < end; i++) {
        const e = ids[i];
        if (count[e] > 0) {
          hist[count[e]] += windows - since[e];
          count[e] = 0;
        }
      }
    }
  }
  // Time spent at count 0 was added loosely above (stale `since` values); it is fixed by the total.
  let nonZero = 0;
  for (let c = 1; c <= m; c++) nonZero += hist[c];
  hist[0] = into.pairs - nonZero;
  return into;
}

/** Pools counts of several layers (the whole-model SRP). */
export function mergeSrpCounts(parts: SrpCounts[]): SrpCounts {
  const merged = emptySrpCounts(parts[0].m);
  for (const part of parts) {
    for (let c = 0; c <= merged.m; c++) merged.hist[c] += part.hist[c];
    merged.pairs += part.pairs;
  }
  return merged;
}

/** SRP = max over thresholds j of F1(j) = 2M(j) / (P(j) + A); null when there is no window at all. */
export function srpFromCounts({ m, hist, pairs }: SrpCounts): SrpResult | null {
  if (pairs === 0) return null;
  const matchesFrom = new Float64Array(m + 2); // M(j) = Σ_{c≥j} c·H[c]
  const pairsFrom = new Float64Array(m + 2); // Σ_{c≥j} H[c]
  for (let c = m; c >= 0; c--) {
    matchesFrom[c] = matchesFrom[c + 1] + c * hist[c];
    pairsFrom[c] = pairsFrom[c + 1] + hist[c];
  }
  const actual = matchesFrom[0];
  let best = { srp: -1, threshold: 0 };
  for (let j = 0; j <= m; j++) {
    const f1 = (2 * matchesFrom[j]) / Math.max(1, m * pairsFrom[j] + actual);
    if (f1 > best.srp) best = { srp: f1, threshold: j };
  }
  return {
    ...best,
    bestM: actual > 0 ? (m * pairsFrom[best.threshold]) / actual : 0,
    actR: actual / (m * pairs),
  };
}

/** SRP of one layer for window length m. */
export function layerSrp(trace: RoutingTrace, layer: number, m: number): SrpResult | null {
  return srpFromCounts(addSrpCounts(trace, layer, emptySrpCounts(m)));
}
