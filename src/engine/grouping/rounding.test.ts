import { describe, expect, it } from 'vitest';
import { averageDensity, countGroups, isValidPartition, toPartition } from './density.ts';
import { repairGroupCount, roundRelaxation, thresholdRounding } from './rounding.ts';
import { plantedMatrix, randomSymmetricMatrix, samePartition } from './testMatrices.ts';
import { createRng } from '../util/random.ts';

/** V with X = VVᵀ = X*(partition): column c is 1/√|C_c| on the members of group c. */
function exactFactor(labels: number[], k: number): Float64Array {
  const v = new Float64Array(labels.length * k);
  const sizes = new Array<number>(k).fill(0);
  labels.forEach((l) => sizes[l]++);
  labels.forEach((l, i) => (v[i * k + l] = 1 / Math.sqrt(sizes[l])));
  return v;
}

describe('rounding', () => {
  it('threshold rounding reads the planted blocks off X*, including one block of all n (|C| = n edge case)', () => {
    const labels = [1, 0, 1, 2, 0, 2, 1];
    expect(samePartition(thresholdRounding(exactFactor(labels, 3), 7, 3), labels)).toBe(true);
    expect(thresholdRounding(exactFactor([0, 0, 0, 0], 1), 4, 1)).toEqual([0, 0, 0, 0]);
  });

  it('always returns exactly k non-empty groups, whatever the relaxed factor (200 random cases)', () => {
    const rng = createRng(7);
    for (let trial = 0; trial < 200; trial++) {
      const n = 2 + rng.int(20);
      const k = 1 + rng.int(n);
      const rank = 1 + rng.int(6);
      const factor = new Float64Array(n * rank);
      // Mix of ordinary, all-zero and all-equal factors, the degenerate cases rounding must survive.
      const kind = trial % 3;
      for (let i = 0; i < factor.length; i++) factor[i] = kind === 0 ? rng.next() : kind === 1 ? 0 : 0.5;
      const t = randomSymmetricMatrix(n, trial);
      const rounded = roundRelaxation(t, factor, rank, k, rng);
      expect(isValidPartition(rounded.assignment, n, k)).toBe(true);
      for (const candidate of rounded.candidates) expect(countGroups(candidate.assignment)).toBe(k);
    }
  });

  it('merges like greedy re-scoring of every pair by average density (reference, 20 random cases)', () => {
    for (let seed = 0; seed < 20; seed++) {
      const n = 8 + (seed % 5);
      const t = randomSymmetricMatrix(n, 300 + seed);
      let reference = Array.from({ length: n }, (_, i) => i);
      for (let groups = n; groups > 3; groups--) {
        let best = -Infinity;
        let next = reference;
        for (let a = 0; a < groups; a++) {
          for (let b = a + 1; b < groups; b++) {
            const merged = toPartition(reference.map((g) => (g === b ? a : g))).assignment;
            const score = averageDensity(t, merged);
            if (score > best) [best, next] = [score, merged];
          }
        }
        reference = next;
      }
      expect(
        samePartition(
          repairGroupCount(
            t,
            Array.from({ length: n }, (_, i) => i),
            3,
          ),
          reference,
        ),
      ).toBe(true);
    }
  });

  it('repairs too many and too few groups to exactly k', () => {
    const t = plantedMatrix([0, 0, 1, 1, 2, 2], 0, 1);
    const merged = repairGroupCount(t, [0, 1, 2, 3, 4, 5], 3);
    expect(samePartition(merged, [0, 0, 1, 1, 2, 2])).toBe(true);
    // Blocks of 3 need merges of already-merged groups.
    const labels = [0, 1, 2, 0, 1, 2, 0, 1, 2];
    const nine = plantedMatrix(labels, 0, 1);
    expect(samePartition(repairGroupCount(nine, [0, 1, 2, 3, 4, 5, 6, 7, 8], 3), labels)).toBe(true);
    const split = repairGroupCount(t, [0, 0, 0, 0, 0, 0], 4);
    expect(countGroups(split)).toBe(4);
  });
});
