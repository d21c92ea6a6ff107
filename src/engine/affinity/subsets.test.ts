import { describe, expect, it } from 'vitest';
import { createRng } from '../util/random.ts';
import {
  meanRelativeError,
  relativeFrobeniusError,
  spearman,
  spearmanOffDiagonal,
  withinAcrossMeans,
} from './scoring.ts';
import { checkTargets } from './setup.ts';
import { allPairs, pairwiseAffinity, sampleSubsets } from './subsets.ts';

describe('subsets and the affinity built from them', () => {
  it('all pairs of 4 tasks', () => {
    expect(allPairs(4)).toEqual([
      [0, 1],
      [0, 2],
      [0, 3],
      [1, 2],
      [1, 3],
      [2, 3],
    ]);
  });

  it('sampled subsets have distinct sorted tasks and are seeded', () => {
    const a = sampleSubsets(6, 3, 20, createRng(1));
    expect(a).toEqual(sampleSubsets(6, 3, 20, createRng(1)));
    for (const s of a) {
      expect(new Set(s).size).toBe(3);
      expect([...s].sort((x, y) => x - y)).toEqual(s);
    }
  });

  it('pairwise gains are 1 − L_j({i,j}) / L_j({j}), source on rows, with uncovered pairs filled', () => {
    const singles = [1, 2, 4];
    // Subset {0,1}: task 0 reaches 0.5, task 1 reaches 3. Pair {0,2} twice (averaged), {1,2} never.
    const results = [
      { subset: [0, 1], losses: Float32Array.of(0.5, 3) },
      { subset: [0, 2], losses: Float32Array.of(1, 2) },
      { subset: [0, 2], losses: Float32Array.of(1, 1) },
    ];
    const { matrix, losses, uncovered } = pairwiseAffinity(3, results, singles);
    expect(losses[1 * 3 + 0]).toBeCloseTo(0.5); // source 1 onto target 0
    expect(matrix[1 * 3 + 0]).toBeCloseTo(0.5); // 1 − 0.5/1
    expect(matrix[0 * 3 + 1]).toBeCloseTo(-0.5); // 1 − 3/2
    expect(losses[0 * 3 + 2]).toBeCloseTo(1.5); // mean of 2 and 1
    expect(matrix[0 * 3 + 2]).toBeCloseTo(1 - 1.5 / 4);
    expect(matrix[2 * 3 + 0]).toBeCloseTo(0); // 1 − 1/1
    expect(uncovered).toBe(2); // 1→2 and 2→1
    expect(matrix[1 * 3 + 2]).toBeCloseTo(0.5); // row 1's covered mean
    expect(Array.from([0, 4, 8], (k) => matrix[k])).toEqual([0, 0, 0]);
  });
});

describe('scoring', () => {
  it('Spearman: monotone → 1, reversed → −1, ties averaged', () => {
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 400])).toBeCloseTo(1);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1);
    // Ranks [1.5, 1.5, 3] vs [1, 2, 3]: Pearson = 0.866.
    expect(spearman([5, 5, 7], [1, 2, 3])).toBeCloseTo(Math.sqrt(3) / 2, 6);
    expect(spearmanOffDiagonal([9, 1, 2, 9], [0, 5, 6, 0], 2)).toBeCloseTo(1);
  });

  it('relative errors and planted means by hand', () => {
    expect(meanRelativeError([1.1, 1.8], [1, 2])).toBeCloseTo(0.1);
    expect(relativeFrobeniusError([3, 4], [0, 5])).toBeCloseTo(Math.sqrt(10) / 5);
    const m = [0, 1, -1, 1, 0, -1, -2, -2, 0];
    expect(withinAcrossMeans(m, [0, 0, 1])).toEqual({ within: 1, across: -1.5 });
  });

  it('a task with constant or non-finite targets is named', () => {
    const data = (values: number[]) => ({
      name: 'd',
      taskNames: ['a', 'b'],
      numSamples: 2,
      fields: { y: { values: Float32Array.from(values), shape: [2] } },
    });
    expect(() => checkTargets(data([1, 5, 2, 5]))).toThrow(/task "b" has constant targets/);
    expect(() => checkTargets(data([1, 5, NaN, 6]))).toThrow(/task "a" has a non-finite target/);
    expect(() => checkTargets(data([1, 5, 2, 6]))).not.toThrow();
  });
});
