import { describe, expect, it } from 'vitest';
import { chooseGroupCount } from './chooseK.ts';
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

  it('scores each k as D/σ − λk', () => {
    const choice = chooseGroupCount(plantedMatrix(interleavedLabels(8, 2), 0.1, 9), { groupCost: 0.25, kMax: 3 });
    for (const c of choice.candidates) expect(c.score).toBeCloseTo(c.objective / choice.scale - 0.25 * c.k, 12);
  });

  it('rejects an empty k range', () => {
    expect(() => chooseGroupCount(plantedMatrix([0, 1], 0, 1), { kMin: 3 })).toThrow(/k range/);
  });
});
