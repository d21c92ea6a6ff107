import { describe, expect, it } from 'vitest';
import { singleLayer, tinyTrace } from './fixtures.ts';
import { coefficientOfVariation, dropRate, dropRates, expertLoad, routerEntropy } from './load.ts';
import { synthesizeTrace } from './synthetic.ts';
import type { RoutingTrace } from './trace.ts';
import { domainUsage } from './domains.ts';

/** Drops by serving slot by slot: first choices before second ones, higher weights first (§3.2). */
function servedDropRate(trace: RoutingTrace, layer: number, capacityFactor: number): number {
  const { topK: k, numExperts: E } = trace;
  const ids = trace.experts[layer];
  const w = trace.weights?.[layer];
  const countAt = (t: number) => (trace.counts ? trace.counts[layer][t] : k);
  let dropped = 0;
  let slots = 0;
  for (let s = 0; s + 1 < trace.seqStarts.length; s++) {
    const tokens = Array.from(
      { length: trace.seqStarts[s + 1] - trace.seqStarts[s] },
      (_, i) => trace.seqStarts[s] + i,
    );
    const seqSlots = tokens.reduce((sum, t) => sum + countAt(t), 0);
    const cap = Math.ceil((capacityFactor * seqSlots) / E);
    const fill = new Array<number>(E).fill(0);
    for (let r = 0; r < k; r++) {
      const order = tokens.filter((t) => countAt(t) > r);
      if (w) order.sort((x, y) => w[y * k + r] - w[x * k + r] || x - y);
      for (const t of order) {
        if (fill[ids[t * k + r]] < cap) fill[ids[t * k + r]]++;
        else dropped++;
      }
    }
    slots += seqSlots;
  }
  return slots > 0 ? dropped / slots : 0;
}

describe('load, CV, entropy, drops, domains', () => {
  it('computes the load as a fraction of routed slots', () => {
    // E=4, k=2: {0,1}, {0,2}, {0,1}, {3,0} → e0 4, e1 2, e2 1, e3 1 of 8 slots.
    const trace = tinyTrace({ numExperts: 4, sequences: [[[[0, 1]], [[0, 2]], [[0, 1]], [[3, 0]]]] });
    expect(Array.from(expertLoad(trace, 0))).toEqual([0.5, 0.25, 0.125, 0.125]);
    // mean 0.25, deviations .25, 0, -.125, -.125 → var = (.0625 + 0 + .015625·2)/4 = 0.0234375 → std 0.153093
    expect(coefficientOfVariation(expertLoad(trace, 0))).toBeCloseTo(Math.sqrt(0.0234375) / 0.25, 12);
  });

  it('gives CV 1 for loads [.5,.5,0,0] and √(E−1) when every token goes to one expert', () => {
    expect(coefficientOfVariation([0.5, 0.5, 0, 0])).toBeCloseTo(1, 12);
    expect(coefficientOfVariation(expertLoad(singleLayer(4, [2, 2, 2, 2, 2]), 0))).toBeCloseTo(Math.sqrt(3), 12);
    expect(coefficientOfVariation(expertLoad(singleLayer(4, [0, 1, 2, 3]), 0))).toBe(0);
  });

  it('normalises router entropy by ln E, from probabilities or from logits', () => {
    // Full uniform distribution listed (k = E = 4) → 1.
    const uniform = tinyTrace({
      numExperts: 4,
      sequences: [[[[0, 1, 2, 3]]]],
      weights: [[[[0.25, 0.25, 0.25, 0.25]]]],
    });
    expect(routerEntropy(uniform, 0)!.mean).toBeCloseTo(1, 12);
    // One-hot → 0.
    const oneHot = tinyTrace({ numExperts: 4, sequences: [[[[2, 0]]]], weights: [[[[1, 0]]]] });
    expect(routerEntropy(oneHot, 0)!.mean).toBe(0);
    // Top-2 gates [0.6, 0.2] renormalise to [0.75, 0.25]: H = 0.562335 nats, / ln 4 = 0.405639.
    // Second token {3,1} with [0.5, 0.5]: ln 2 / ln 4 = 0.5. Mean 0.452820.
    // Marginal: e0 .375, e1 .125 + .25, e3 .25 → H = -(.375 ln .375 + .375 ln .375 + .25 ln .25) = 1.0822 / ln 4.
    const two = tinyTrace({
      numExperts: 4,
      sequences: [[[[0, 1]], [[3, 1]]]],
      weights: [[[[0.6, 0.2]], [[0.5, 0.5]]]],
    });
    const h = routerEntropy(two, 0)!;
    const h1 = -(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25)) / Math.log(4);
    expect(h.mean).toBeCloseTo((h1 + 0.5) / 2, 7); // weights are stored as float32
    expect(h.marginal).toBeCloseTo(-(2 * 0.375 * Math.log(0.375) + 0.25 * Math.log(0.25)) / Math.log(4), 7);
    // Logits (a negative weight anywhere): [-1, -1] is a uniform softmax over the two → ln 2 / ln 4.
    const logits = tinyTrace({ numExperts: 4, sequences: [[[[0, 1]]]], weights: [[[[-1, -1]]]] });
    expect(routerEntropy(logits, 0)!.mean).toBeCloseTo(0.5, 12);
    expect(routerEntropy(singleLayer(4, [0, 1]), 0)).toBeNull();
  });

  it('counts drops exactly: N=8, k=1, E=2, all to e0, CF=1 → cap 4, drop 0.5', () => {
    const trace = singleLayer(2, [0, 0, 0, 0, 0, 0, 0, 0]);
    expect(dropRate(trace, 0, 1)).toBe(0.5);
    expect(dropRate(trace, 0, 2)).toBe(0); // cap 8
    // E=2, k=2 → every token uses both: balanced, nothing dropped even at CF 1.
    expect(dropRate(tinyTrace({ numExperts: 2, sequences: [[[[0, 1]], [[1, 0]]]] }), 0, 1)).toBe(0);
  });

  it('serves first choices before second ones when capacity runs out', () => {
    // E=2, k=1 is not enough to see ranks; use E=4, k=2, 2 tokens: {0,1}, {1,0} → 4 slots, cap ⌈0.5·4/4⌉ = 1.
    // Rank 0: t0→e0 (fill 1), t1→e1 (fill 1). Rank 1: t0→e1 dropped, t1→e0 dropped → 2/4.
    const trace = tinyTrace({ numExperts: 4, sequences: [[[[0, 1]], [[1, 0]]]] });
    expect(dropRate(trace, 0, 0.5)).toBe(0.5);
  });

  it('counts the same drops as serving slot by slot in rank and weight order, for every capacity factor at once', () => {
    const factors = [0.5, 1, 1.25, 2];
    for (const trace of [
      synthesizeTrace({ numLayers: 2, numExperts: 8, topK: 2, numSequences: 6, seqLength: 50, seed: 3, weights: true }),
      synthesizeTrace({ numLayers: 1, numExperts: 16, topK: 4, numSequences: 4, seqLength: 90, seed: 4, stay: 0.2 }),
      tinyTrace({
        numExperts: 4,
        topK: 'variable',
        sequences: [
          [[[0, 1, 2]], [[1]], [[]], [[1, 3]], [[1, 0]]],
          [[[2, 1]], [[2]]],
        ],
      }),
    ]) {
      for (let l = 0; l < trace.numLayers; l++) {
        const want = factors.map((cf) => servedDropRate(trace, l, cf));
        expect(want.some((rate) => rate > 0)).toBe(true);
        expect(dropRates(trace, l, factors)).toEqual(want);
      }
    }
  });

  it('gives domain × expert usage and a normalised MI of 1 for one expert per domain', () => {
    const trace = tinyTrace({
      numExperts: 2,
      sequences: [[[[0]], [[0]]], [[[1]], [[1]]], [[[0]]]],
      domains: ['code', 'prose', 'code'],
    });
    const usage = domainUsage(trace, 0)!;
    expect(usage.domains).toEqual(['code', 'prose']);
    expect(usage.usage).toEqual([
      [1, 0],
      [0, 1],
    ]);
    // q(code,e0) = 3/5, q(prose,e1) = 2/5: I = H(Y) = -(.6 ln .6 + .4 ln .4).
    expect(usage.mutualInformation).toBeCloseTo(-(0.6 * Math.log(0.6) + 0.4 * Math.log(0.4)), 12);
    expect(usage.normalisedMI).toBeCloseTo(1, 12);
    const mixed = tinyTrace({
      numExperts: 2,
      sequences: [
        [[[0]], [[1]]],
        [[[1]], [[0]]],
      ],
      domains: ['a', 'b'],
    });
    expect(domainUsage(mixed, 0)!.mutualInformation).toBeCloseTo(0, 12);
    expect(domainUsage(singleLayer(2, [0]), 0)).toBeNull();
  });
});
