// Turns a batch's choices and capacity decisions into the CPU record of RoutingInfo.
import type { Choices } from './selection.ts';
import type { RoutingInfo } from './types.ts';

export function describeRouting(
  choices: Choices,
  choiceGates: Float32Array,
  kept: Uint8Array,
  probs: Float32Array,
  width: number,
  numExperts: number,
  capacity: number,
): RoutingInfo {
  const { numTokens: n, maxK } = choices;
  const topIds = new Int32Array(n * maxK).fill(-1);
  const topWeights = new Float32Array(n * maxK);
  const keptReal = new Uint8Array(n * maxK);
  const expertsPerToken = new Int32Array(n);
  const requested = new Int32Array(numExperts);
  const processed = new Int32Array(numExperts);
  let nullChoices = 0;
  for (let t = 0; t < n; t++) {
    let c = 0; // real choices are compacted to the front, keeping their order
    for (let j = 0; j < maxK; j++) {
      const i = t * maxK + j;
      const e = choices.experts[i];
      if (e < 0) continue;
      if (e >= numExperts) {
        nullChoices++;
        continue;
      }
      topIds[t * maxK + c] = e;
      topWeights[t * maxK + c] = choiceGates[i];
      keptReal[t * maxK + c] = kept[i];
      requested[e]++;
      if (kept[i]) processed[e]++;
      c++;
    }
    expertsPerToken[t] = c;
  }
  const totalRequested = requested.reduce((a, b) => a + b, 0);
  const totalProcessed = processed.reduce((a, b) => a + b, 0);
  const realProbs = new Float32Array(n * numExperts);
  for (let t = 0; t < n; t++) realProbs.set(probs.subarray(t * width, t * width + numExperts), t * numExperts);
  return {
    numTokens: n,
    numExperts,
    maxK,
    topIds,
    topWeights,
    kept: keptReal,
    expertsPerToken,
    requested,
    processed,
    load: Float32Array.from(processed, (p) => (totalProcessed > 0 ? p / totalProcessed : 0)),
    capacity,
    dropped: totalRequested - totalProcessed,
    dropRate: totalRequested > 0 ? (totalRequested - totalProcessed) / totalRequested : 0,
    nullChoices,
    probs: realProbs,
  };
}
