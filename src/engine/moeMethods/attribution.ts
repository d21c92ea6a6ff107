// Expert attribution for UOE ("UOE: Unlearning One Expert Is Enough for Mixture-of-experts LLMs"):
// how engaged each expert of each layer is on a target's tokens — its routing frequency times its
// mean gate weight there, i.e. the mean gate mass it receives — and the single most engaged one.
import type { RoutingInfo } from '../models/moe/types.ts';
import type { Attribution } from '../../protocol/reports.ts';
export type { Attribution };

/** Engagement of each expert at one layer: Σ gate / N (dropped choices count; they were still chosen). */
export function engagement(routing: RoutingInfo): number[] {
  const scores = new Array<number>(routing.numExperts).fill(0);
  for (let i = 0; i < routing.topIds.length; i++) {
    const e = routing.topIds[i];
    if (e >= 0) scores[e] += routing.topWeights[i] / routing.numTokens;
  }
  return scores;
}

function mergeLayers(records: RoutingInfo[][]): number[][] {
  // records[b][l]: batch b, layer l; batches are weighted by their tokens.
  const numLayers = records[0].length;
  return Array.from({ length: numLayers }, (_, l) => {
    const total = records.reduce((n, r) => n + r[l].numTokens, 0);
    const sum = new Array<number>(records[0][l].numExperts).fill(0);
    for (const r of records) engagement(r[l]).forEach((s, e) => (sum[e] += (s * r[l].numTokens) / total));
    return sum;
  });
}

/**
 * Picks the (layer, expert) most engaged on the forget target. With `retain` records and
 * `contrast`, ranks by forget − retain engagement instead, so an expert every domain leans on is
 * not mistaken for the target's own.
 */
export function attributeExperts(forget: RoutingInfo[][], retain?: RoutingInfo[][], contrast = false): Attribution {
  if (forget.length === 0 || forget[0].length === 0)
    throw new Error('expert attribution needs routing records of at least one MoE layer');
  if (forget.every((r) => r[0].numTokens === 0)) throw new Error('the forget target has no tokens');
  const scores = mergeLayers(forget);
  const retainScores = retain && retain.length > 0 ? mergeLayers(retain) : undefined;
  let best = { layer: 0, expert: 0, value: -Infinity };
  scores.forEach((row, l) =>
    row.forEach((s, e) => {
      const value = contrast && retainScores ? s - retainScores[l][e] : s;
      if (value > best.value) best = { layer: l, expert: e, value };
    }),
  );
  return {
    numLayers: scores.length,
    numExperts: scores[0].length,
    scores,
    retainScores,
    layer: best.layer,
    expert: best.expert,
  };
}
