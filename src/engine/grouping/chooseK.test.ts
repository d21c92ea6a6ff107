import { describe, expect, it } from 'vitest';
import { centredOffDiagonal, chooseGroupCount } from './chooseK.ts';
import { averageDensity } from './density.ts';
import { squareFromRows } from './matrix.ts';
import { interleavedLabels, plantedMatrix, samePartition } from './testMatrices.ts';

describe('chooseGroupCount', () => {
  it('picks the planted number of groups and explains the choice', () => {
    for (const k of [2, 3, 4]) {
      const labels = interleavedLabels(12, k);
      const choice = chooseGroupCount(plantedMatrix(labels, 0.1, k), { kMax: 6 });
      expect(choice.k).toBe(k);
      expect(samePartition(choice.result.assignment, labels)).toBe(true);
      expect(choice.explanation).toContain(`k = ${k}: D = `);
      expect(choice.explanation).toContain('← chosen');
      expect(choice.candidates.map((c) => c.k)).toEqual([1, 2, 3, 4, 5, 6]);
    }
  });

  it('keeps one group when all affinities are equal (ties go to fewer groups)', () => {
    const t = squareFromRows(Array.from({ length: 5 }, () => new Array<number>(5).fill(0.7)));
    expect(chooseGroupCount(t).k).toBe(1);
  });

  it('scores each k as D̃/σ − λk, D̃ on the centred zero-diagonal matrix', () => {
    const t = plantedMatrix(interleavedLabels(8, 2), 0.1, 9);
    const choice = chooseGroupCount(t, { groupCost: 0.25, kMax: 3 });
    for (const c of choice.candidates) {
      expect(c.score).toBeCloseTo(c.centredObjective / choice.scale - 0.25 * c.k, 12);
      expect(c.centredObjective).toBeCloseTo(averageDensity(centredOffDiagonal(t), c.result.assignment), 12);
    }
  });

  // Measured-looking matrices: a self-affinity far above any pair (cosine's diagonal of 1), within-
  // group pairs above across-group pairs with noise of a third of the gap, groups interleaved.
  it('returns the planted k when the diagonal dwarfs the pairs (n = 8/K = 2, 16/4, 40/5, several seeds)', () => {
    for (const [n, k] of [
      [8, 2],
      [16, 4],
      [40, 5],
    ]) {
      for (const seed of [1, 2, 3]) {
        const labels = interleavedLabels(n, k);
        const t = plantedMatrix(labels, 0.1, seed, { within: 0.45, across: 0.15, diagonal: 1 });
        const choice = chooseGroupCount(t, { kMax: Math.min(n, 8), seed });
        expect(choice.k, `n=${n} K=${k} seed=${seed}`).toBe(k);
        expect(samePartition(choice.result.assignment, labels)).toBe(true);
      }
    }
  });

  it('does not let noise inside large groups pay for extra groups (n = 40, noise half the gap)', () => {
    const labels = interleavedLabels(40, 5);
    for (const seed of [2, 3]) {
      const choice = chooseGroupCount(plantedMatrix(labels, 0.15, seed, { within: 0.45, across: 0.15, diagonal: 1 }), {
        kMax: 8,
        seed,
      });
      // The fixed cost alone would pick 7 or 8 here: the best partitions of noise gain > 1.25σ.
      expect(choice.candidates.reduce((a, b) => (b.score > a.score ? b : a)).k).toBeGreaterThan(5);
      expect(choice.k).toBe(5);
      expect(samePartition(choice.result.assignment, labels)).toBe(true);
    }
  });

  it('rejects an empty k range', () => {
    expect(() => chooseGroupCount(plantedMatrix([0, 1], 0, 1), { kMin: 3 })).toThrow(/k range/);
  });
});
