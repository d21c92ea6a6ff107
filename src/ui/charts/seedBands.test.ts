import { describe, expect, it } from 'vitest';
import { ExperimentSpec } from '../../protocol/index.ts';
import type { LossSeries } from '../../store/lossSeries.ts';
import { seedBand, seedGroups, specKey, type ComparedRun } from './seedBands.ts';

/** Step-major series from per-task curves. */
function series(curves: number[][]): LossSeries {
  const numTasks = curves.length;
  const numSteps = curves[0].length;
  const values = new Float32Array(numTasks * numSteps);
  curves.forEach((curve, t) => curve.forEach((v, s) => (values[s * numTasks + t] = v)));
  return { numTasks, numSteps, values };
}

const run = (id: string, seed: number, curves: number[][], overrides: object = {}): ComparedRun => ({
  id,
  name: 'exp',
  spec: ExperimentSpec.parse({ seed, ...overrides }),
  taskNames: curves.map((_, t) => `t${t}`),
  losses: series(curves),
});

describe('seedBand', () => {
  it('gives the per-step mean and sample std (n − 1)', () => {
    // Step 0: 1, 3, 5 → mean 3, sample variance (4 + 0 + 4) / 2 = 4 → std 2.
    // Step 1: 2, 2, 8 → mean 4, sample variance (4 + 4 + 16) / 2 = 12 → std √12.
    const { mean, std } = seedBand([
      [1, 2],
      [3, 2],
      [5, 8],
    ]);
    expect(Array.from(mean)).toEqual([3, 4]);
    expect(std[0]).toBeCloseTo(2, 6);
    expect(std[1]).toBeCloseTo(Math.sqrt(12), 5);
  });

  it('stops at the shortest curve and gives std 0 for a single run', () => {
    expect(
      seedBand([
        [1, 2, 3],
        [3, 4],
      ]).mean,
    ).toEqual(new Float32Array([2, 3]));
    expect(Array.from(seedBand([[5, 6]]).std)).toEqual([0, 0]);
    expect(seedBand([]).mean.length).toBe(0);
  });
});

describe('seedGroups', () => {
  it('groups runs whose specs differ only by seed, and keeps other specs apart', () => {
    const groups = seedGroups([
      run('a', 1, [
        [1, 1],
        [4, 2],
      ]),
      run('b', 2, [
        [3, 1],
        [6, 4],
      ]),
      run(
        'c',
        1,
        [
          [9, 9],
          [9, 9],
        ],
        { training: { learningRate: 0.1 } },
      ),
    ]);
    expect(groups.map((g) => g.runIds)).toEqual([['a', 'b'], ['c']]);
    expect(groups[0].seeds).toEqual([1, 2]);
    expect(Array.from(groups[0].tasks[0].mean)).toEqual([2, 1]);
    expect(groups[0].tasks[0].std[0]).toBeCloseTo(Math.SQRT2, 6);
    expect(Array.from(groups[0].tasks[1].mean)).toEqual([5, 3]);
    expect(Array.from(groups[1].tasks[0].std)).toEqual([0, 0]);
  });

  it('treats key order as irrelevant', () => {
    const a = ExperimentSpec.parse({ seed: 3 });
    const b = ExperimentSpec.parse({ seed: 4 });
    const reordered = Object.fromEntries(Object.entries(b).reverse()) as typeof b;
    expect(specKey(a)).toBe(specKey(reordered));
    expect(specKey(a)).not.toBe(specKey({ ...a, name: 'other' }));
  });

  it('smooths each run before the statistics', () => {
    // Debiased EMA, w = 0.5, of [2, 4]: step 0: 1 / (1 − 0.5) = 2; step 1: (0.5·1 + 0.5·4) / (1 − 0.25) = 10/3.
    const [group] = seedGroups([run('a', 1, [[2, 4]]), run('b', 2, [[2, 4]])], 0.5);
    expect(group.tasks[0].mean[0]).toBeCloseTo(2, 6);
    expect(group.tasks[0].mean[1]).toBeCloseTo(10 / 3, 5);
  });
});
