import { describe, expect, it } from 'vitest';
import { tinyTrace } from './fixtures.ts';
import { interLayerAffinity } from './affinity.ts';
import { routingStability } from './stability.ts';
import { synthesizeTrace } from './synthetic.ts';

describe('stability between checkpoints', () => {
  it('is 0 for identical traces and 1 / 0.5 for {0,1} vs {1,2}', () => {
    const a = tinyTrace({ numExperts: 4, sequences: [[[[0, 1]]]] });
    const b = tinyTrace({ numExperts: 4, sequences: [[[[1, 2]]]] });
    expect(routingStability(a, a)).toMatchObject({ meanChanged: 0, meanSoft: 0 });
    expect(routingStability(a, b)).toMatchObject({ changed: [1], soft: [0.5] });
  });

  it('treats expert lists as sets and averages per layer (hand-computed, 2 layers × 3 tokens)', () => {
    // Layer 0: {0,1}={1,0} same; {0,2}→{0,3} overlap 1; {2,3}→{0,1} overlap 0 → changed 2/3, soft 1 − (1 + .5 + 0)/3 = 0.5.
    // Layer 1: all the same → 0, 0. Means: 1/3 and 0.25.
    const a = tinyTrace({
      numExperts: 4,
      sequences: [
        [
          [
            [0, 1],
            [3, 2],
          ],
          [
            [0, 2],
            [1, 0],
          ],
          [
            [2, 3],
            [0, 3],
          ],
        ],
      ],
    });
    const b = tinyTrace({
      numExperts: 4,
      sequences: [
        [
          [
            [1, 0],
            [2, 3],
          ],
          [
            [0, 3],
            [0, 1],
          ],
          [
            [0, 1],
            [3, 0],
          ],
        ],
      ],
    });
    const stability = routingStability(a, b);
    expect(stability.changed[0]).toBeCloseTo(2 / 3, 12);
    expect(stability.soft[0]).toBeCloseTo(0.5, 12);
    expect(stability.changed[1]).toBe(0);
    expect(stability.meanChanged).toBeCloseTo(1 / 3, 12);
    expect(stability.meanSoft).toBeCloseTo(0.25, 12);
  });

  it('refuses traces of different probe tokens', () => {
    const a = tinyTrace({ numExperts: 4, sequences: [[[[0]], [[1]]]] });
    const b = tinyTrace({ numExperts: 4, sequences: [[[[0]]]] });
    expect(() => routingStability(a, b)).toThrow(/sequences\[0\]: token counts differ/);
  });
});

describe('inter-layer affinity', () => {
  it('is the identity with peak 1 when layer 1 copies layer 0 (k = 1)', () => {
    const trace = tinyTrace({
      numExperts: 3,
      sequences: [[[[0, 0]], [[1, 1]], [[2, 2]], [[0, 0]]].map((row) => row[0].map((e) => [e]))],
    });
    const affinity = interLayerAffinity(trace, 0);
    expect(Array.from(affinity.conditional)).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    expect(affinity.peak).toBe(1);
  });

  it('matches hand-computed counts, conditionals and ratios (E=3, k=1)', () => {
    // (layer0 → layer1): 0→1, 0→1, 0→2, 1→2. n_0 = 3, n_1 = 1; at layer 1 n'_1 = 2, n'_2 = 2; N = 4.
    // P(1|0) = 2/3, P(2|0) = 1/3, P(2|1) = 1 → peak = (2/3 + 1)/2. ratio(0,1) = 2·4/(3·2) = 4/3.
    const trace = tinyTrace({
      numExperts: 3,
      sequences: [
        [
          [[0], [1]],
          [[0], [1]],
          [[0], [2]],
          [[1], [2]],
        ],
      ],
    });
    const affinity = interLayerAffinity(trace, 0);
    expect(Array.from(affinity.counts)).toEqual([0, 2, 1, 0, 0, 1, 0, 0, 0]);
    expect(affinity.conditional[1]).toBeCloseTo(2 / 3, 12);
    expect(affinity.conditional[2]).toBeCloseTo(1 / 3, 12);
    expect(affinity.conditional[5]).toBe(1);
    expect(affinity.peak).toBeCloseTo((2 / 3 + 1) / 2, 12);
    expect(affinity.ratio[1]).toBeCloseTo(4 / 3, 12);
    expect(affinity.ratio[5]).toBeCloseTo(2, 12);
  });

  it('has rows summing to k and entries near k/E for independent routing', () => {
    const trace = synthesizeTrace({
      numLayers: 2,
      numExperts: 4,
      topK: 2,
      numSequences: 50,
      seqLength: 200,
      seed: 2,
      stay: 0,
      follow: 0,
    });
    const { conditional } = interLayerAffinity(trace, 0);
    for (let a = 0; a < 4; a++) {
      const row = Array.from(conditional.subarray(a * 4, a * 4 + 4));
      expect(row.reduce((x, y) => x + y, 0)).toBeCloseTo(2, 12);
    }
    // Independent layers: P(b|a) = P(b at layer 1 | anything), so rows agree with each other within noise.
    for (let b = 0; b < 4; b++) expect(Math.abs(conditional[b] - conditional[4 + b])).toBeLessThan(0.05);
  });
});
