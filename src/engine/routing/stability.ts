// Routing stability between two checkpoints' traces of the same probe tokens (ALGORITHMS.md Part 2 §2):
// changed = share of (token, layer) whose expert set differs; soft = 1 − mean overlap |A∩B| / k.
import { TraceError, numTokens, type RoutingTrace } from './trace.ts';
import type { Stability } from '../../protocol/reports.ts';
import { mean } from '../../shared/stats.ts';
export type { Stability };

function assertSameProbe(a: RoutingTrace, b: RoutingTrace): void {
  if (a.numLayers !== b.numLayers)
    throw new TraceError(`numLayers: ${a.numLayers} vs ${b.numLayers}; stability needs the same model`);
  if (a.numExperts !== b.numExperts)
    throw new TraceError(`numExperts: ${a.numExperts} vs ${b.numExperts}; stability needs the same model`);
  if (a.seqStarts.length !== b.seqStarts.length) {
    throw new TraceError(
      `sequences: ${a.seqStarts.length - 1} vs ${b.seqStarts.length - 1}; stability needs the same probe tokens`,
    );
  }
  for (let s = 1; s < a.seqStarts.length; s++) {
    if (a.seqStarts[s] !== b.seqStarts[s]) {
      throw new TraceError(`sequences[${s - 1}]: token counts differ; stability needs the same probe tokens`);
    }
  }
}

export function routingStability(a: RoutingTrace, b: RoutingTrace): Stability {
  assertSameProbe(a, b);
  const n = numTokens(a);
  const inA = new Int32Array(a.numExperts);
  let stamp = 0;
  const changed: number[] = [];
  const soft: number[] = [];
  for (let l = 0; l < a.numLayers; l++) {
    let changes = 0;
    let overlapSum = 0;
    for (let t = 0; t < n; t++) {
      stamp++;
      const ca = a.counts ? a.counts[l][t] : a.topK;
      const cb = b.counts ? b.counts[l][t] : b.topK;
      for (let j = 0; j < ca; j++) inA[a.experts[l][t * a.topK + j]] = stamp;
      let common = 0;
      for (let j = 0; j < cb; j++) if (inA[b.experts[l][t * b.topK + j]] === stamp) common++;
      if (common !== ca || common !== cb) changes++;
      overlapSum += Math.max(ca, cb) > 0 ? common / Math.max(ca, cb) : 1;
    }
    changed.push(n > 0 ? changes / n : 0);
    soft.push(n > 0 ? 1 - overlapSum / n : 0);
  }
  return { changed, soft, meanChanged: mean(changed), meanSoft: mean(soft) };
}
