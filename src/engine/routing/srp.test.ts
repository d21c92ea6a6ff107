import { describe, expect, it } from 'vitest';
import { singleLayer, tinyTrace } from './fixtures.ts';
import { addSrpCounts, emptySrpCounts, layerSrp, mergeSrpCounts, srpFromCounts } from './srp.ts';
import { synthesizeTrace } from './synthetic.ts';
import { countAt, numSequences, type RoutingTrace } from './trace.ts';

/** Reference: explicit windows and per-expert counts, straight from the definition. */
function bruteHistogram(trace: RoutingTrace, layer: number, m: number) {
  const hist = new Float64Array(m + 1);
  let pairs = 0;
  for (let s = 0; s < numSequences(trace); s++) {
    for (let w = trace.seqStarts[s]; w + m <= trace.seqStarts[s + 1]; w++) {
      const c = new Array(trace.numExperts).fill(0);
      for (let t = w; t < w + m; t++) {
        for (let j = 0; j < countAt(trace, layer, t); j++) c[trace.experts[layer][t * trace.topK + j]]++;
      }
      c.forEach((x) => hist[x]++);
      pairs += trace.numExperts;
    }
  }
  return { m, hist, pairs };
}

describe('SRP', () => {
  it('matches the worked example of ALGORITHMS.md §1.1 (E=4, k=1, [0,0,1,0], m=2)', () => {
    // Windows: {e0:2}, {e0:1,e1:1}, {e1:1,e0:1}; A = 6, P(0) = 2·3·4 = 24.
    // j=0: 12/30 = 0.4; j=1: P = 10, M = 6 → 12/16 = 0.75; j=2: P = 2, M = 2 → 4/8 = 0.5.
    const result = layerSrp(singleLayer(4, [0, 0, 1, 0]), 0, 2)!;
    expect(result.srp).toBeCloseTo(0.75, 12);
    expect(result.threshold).toBe(1);
    expect(result.bestM).toBeCloseTo(10 / 6, 12);
    expect(result.actR).toBeCloseTo(0.25, 12);
  });

  it('matches a hand-computed top-2 case (E=3, tokens {0,1},{0,2},{0,1}, m=2)', () => {
    // Both windows: c0 = 2, c1 = 1, c2 = 1 → H[2] = 2, H[1] = 4, H[0] = 0, pairs 6, A = 8.
    // j=0: 16/(12+8) = 0.8; j=1: same sets → 0.8; j=2: M = 4, P = 4 → 8/12. SRP 0.8 at the first best j = 0.
    const trace = tinyTrace({ numExperts: 3, sequences: [[[[0, 1]], [[0, 2]], [[0, 1]]]] });
    const counts = addSrpCounts(trace, 0, emptySrpCounts(2));
    expect(Array.from(counts.hist)).toEqual([0, 4, 2]);
    const result = srpFromCounts(counts)!;
    expect(result.srp).toBeCloseTo(0.8, 12);
    expect(result.threshold).toBe(0);
    expect(result.bestM).toBeCloseTo(1.5, 12);
    expect(result.actR).toBeCloseTo(2 / 3, 12);
  });

  // ALGORITHMS.md's sanity test says j* = m; every j in 1..m ties here, and moe-lrc's torch max(dim) returns
  // the first maximum, so the reported threshold is the smallest best j (1). best_m = 1 either way.
  it('is 1 for constant routing at every m ≤ T, with j* = 1 (first of the tied best) and best_m = 1', () => {
    const seq = Array.from({ length: 32 }, () => [[0, 1]]);
    const trace = tinyTrace({ numExperts: 8, sequences: [seq] });
    for (const m of [1, 2, 4, 8, 16, 32]) {
      const result = layerSrp(trace, 0, m)!;
      expect(result.srp).toBeCloseTo(1, 12);
      expect(result.threshold).toBe(1);
      expect(result.bestM).toBeCloseTo(1, 12);
    }
  });

  it('is 1 at m = 1 for any routing, and act_r = k/E always', () => {
    const trace = synthesizeTrace({
      numLayers: 2,
      numExperts: 8,
      topK: 2,
      numSequences: 3,
      seqLength: 40,
      seed: 5,
      stay: 0.3,
    });
    expect(layerSrp(trace, 1, 1)!.srp).toBeCloseTo(1, 12);
    for (const m of [2, 4, 7, 16]) expect(layerSrp(trace, 0, m)!.actR).toBeCloseTo(2 / 8, 12);
  });

  it('agrees with explicit windows on random traces (any m, several sequences of different lengths, variable k)', () => {
    const trace = synthesizeTrace({
      numLayers: 2,
      numExperts: 6,
      topK: 2,
      numSequences: 4,
      seqLength: 30,
      seed: 11,
      stay: 0.5,
    });
    trace.seqStarts = Int32Array.from([0, 7, 50, 51, 120]); // uneven sequences, one shorter than most m
    for (const m of [1, 2, 3, 5, 8, 13, 64]) {
      for (const layer of [0, 1]) {
        const fast = addSrpCounts(trace, layer, emptySrpCounts(m));
        const slow = bruteHistogram(trace, layer, m);
        expect(fast.pairs).toBe(slow.pairs);
        expect(Array.from(fast.hist)).toEqual(Array.from(slow.hist));
      }
    }
    const variable = tinyTrace({
      numExperts: 4,
      topK: 'variable',
      sequences: [[[[0]], [[0, 1, 2]], [[]], [[1, 3]], [[3]], [[0, 3]]]],
    });
    for (const m of [1, 2, 3, 4])
      expect(Array.from(addSrpCounts(variable, 0, emptySrpCounts(m)).hist)).toEqual(
        Array.from(bruteHistogram(variable, 0, m).hist),
      );
  });

  it('pools the whole model by summing counts, which is not the mean of per-layer SRPs', () => {
    // Layer 0 = the worked example (H[2] = 1, H[1] = 4, H[0] = 7); layer 1 constant e3 (H[2] = 3, H[0] = 9).
    const trace = tinyTrace({
      numExperts: 4,
      sequences: [
        [
          [[0], [3]],
          [[0], [3]],
          [[1], [3]],
          [[0], [3]],
        ],
      ],
    });
    const merged = mergeSrpCounts([0, 1].map((l) => addSrpCounts(trace, l, emptySrpCounts(2))));
    expect(Array.from(merged.hist)).toEqual([16, 4, 4]);
    // A = 12, P(0) = 48: j=0 24/60 = 0.4; j=1 P = 16 → 24/28 = 0.857; j=2 M = 8, P = 8 → 16/20 = 0.8.
    expect(srpFromCounts(merged)!.srp).toBeCloseTo(24 / 28, 12);
    expect((layerSrp(trace, 0, 2)!.srp + layerSrp(trace, 1, 2)!.srp) / 2).toBeCloseTo(0.875, 12);
  });

  it('pools experts within a layer (differs from the mean of per-expert SRPs)', () => {
    // E=2, k=1, [0,0,0,1], m=2: windows {0:2}, {0:2}, {0:1,1:1} → H[2] = 2, H[1] = 2, H[0] = 2.
    // Pooled: A = 6; j=1: M = 6, P = 8 → 12/14; j=2: M = 4, P = 4 → 8/10. SRP = 6/7.
    // Per expert: e0 has H[2]=2, H[1]=1 → j=1: 10/(6+5) = 0.909; e1 has H[1]=1, H[0]=2 → j=1: 2/(2+1) = 0.667.
    const result = layerSrp(singleLayer(2, [0, 0, 0, 1]), 0, 2)!;
    expect(result.srp).toBeCloseTo(12 / 14, 12);
    expect(result.srp).not.toBeCloseTo((10 / 11 + 2 / 3) / 2, 3);
  });

  it('returns null when no sequence is as long as m', () => {
    expect(layerSrp(singleLayer(4, [0, 1]), 0, 4)).toBeNull();
  });
});
