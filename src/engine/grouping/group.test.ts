import { describe, expect, it } from 'vitest';
import { isValidPartition } from './density.ts';
import { groupTasks } from './group.ts';
import { squareFromRows } from './matrix.ts';
import { solveSdpRelaxation } from './sdp.ts';
import { interleavedLabels, plantedMatrix, randomSymmetricMatrix, samePartition } from './testMatrices.ts';
import { createRng } from '../util/random.ts';

describe('SDP grouping vs the exhaustive optimum', () => {
  it('is within 1% of the best partition on 60 random matrices, n = 5..10, k = 2..4', () => {
    const ratios: number[] = [];
    for (let seed = 0; seed < 60; seed++) {
      const n = 5 + (seed % 6);
      const k = 2 + (seed % 3);
      const t = randomSymmetricMatrix(n, 1000 + seed);
      const exact = groupTasks(t, k, { method: 'exhaustive' });
      const sdp = groupTasks(t, k, { method: 'sdp', seed });
      expect(isValidPartition(sdp.assignment, n, k)).toBe(true);
      expect(sdp.objective).toBeLessThanOrEqual(exact.objective + 1e-9);
      ratios.push(sdp.objective / exact.objective);
    }
    expect(Math.min(...ratios)).toBeGreaterThanOrEqual(0.99);
  });

  it('relaxed objective is at least the optimum when the solver converged (it is a relaxation)', () => {
    for (let seed = 0; seed < 10; seed++) {
      const t = randomSymmetricMatrix(7, 2000 + seed);
      const exact = groupTasks(t, 3, { method: 'exhaustive' });
      const sdp = groupTasks(t, 3, { method: 'sdp', seed });
      if (!sdp.sdp!.converged) continue;
      // Feasible to 1e-4 only, so allow a matching slack.
      expect(sdp.sdp!.relaxationObjective).toBeGreaterThanOrEqual(exact.objective - 1e-2);
      expect(sdp.sdp!.gap).toBeCloseTo(sdp.sdp!.relaxationObjective - sdp.objective, 12);
    }
  });
});

describe('planted clusters', () => {
  it('recovers block sizes (3,3,2) exactly with D = 8 and X close to X* (ALGORITHMS S1)', () => {
    const labels = [0, 0, 0, 1, 1, 1, 2, 2];
    const t = plantedMatrix(labels, 0, 1);
    const result = groupTasks(t, 3, { method: 'sdp' });
    expect(samePartition(result.assignment, labels)).toBe(true);
    expect(result.objective).toBeCloseTo(8, 9);
    const [best] = solveSdpRelaxation(t, 3, createRng(1));
    let error = 0;
    for (let i = 0; i < 8; i++) {
      for (let j = 0; j < 8; j++) {
        let x = 0;
        for (let c = 0; c < best.rank; c++) x += best.factor[i * best.rank + c] * best.factor[j * best.rank + c];
        const target = labels[i] === labels[j] ? 1 / labels.filter((l) => l === labels[i]).length : 0;
        error += (x - target) ** 2;
      }
    }
    expect(Math.sqrt(error)).toBeLessThan(1e-2);
  });

  it('recovers interleaved planted groups exactly with noise 0.1, n up to 60, by SDP and spectral', () => {
    for (const [n, k] of [
      [9, 3],
      [12, 4],
      [20, 2],
      [30, 5],
      [60, 6],
    ]) {
      const labels = interleavedLabels(n, k);
      const t = plantedMatrix(labels, 0.1, n);
      expect(samePartition(groupTasks(t, k, { method: 'sdp', seed: n }).assignment, labels)).toBe(true);
      expect(samePartition(groupTasks(t, k, { method: 'spectral', seed: n }).assignment, labels)).toBe(true);
    }
  });

  it('gives the same partition after adding a constant, a row-wise or a column-wise constant (S3)', () => {
    const labels = interleavedLabels(10, 3);
    const t = plantedMatrix(labels, 0.2, 5);
    const shifted = (f: (i: number, j: number) => number) =>
      squareFromRows(
        Array.from({ length: 10 }, (_, i) => Array.from({ length: 10 }, (_, j) => t.values[i * 10 + j] + f(i, j))),
      );
    const base = groupTasks(t, 3).assignment;
    expect(samePartition(base, labels)).toBe(true);
    for (const f of [() => 5, (i: number) => 0.3 * i, (_: number, j: number) => -0.2 * j]) {
      expect(samePartition(groupTasks(shifted(f), 3).assignment, base)).toBe(true);
    }
  });
});

describe('limits and bad input', () => {
  it('stops at the iteration cap with a valid partition and reports it did not converge', () => {
    const t = randomSymmetricMatrix(30, 3);
    const result = groupTasks(t, 4, { sdp: { maxIterations: 5, restarts: 1 } });
    expect(result.sdp!.converged).toBe(false);
    expect(result.sdp!.iterations).toBe(5);
    expect(Number.isFinite(result.sdp!.gap)).toBe(true);
    expect(isValidPartition(result.assignment, 30, 4)).toBe(true);
  });

  it('handles k = 1 and k = n without solving', () => {
    const t = randomSymmetricMatrix(5, 1);
    expect(groupTasks(t, 1).groups).toEqual([[0, 1, 2, 3, 4]]);
    expect(groupTasks(t, 5).groups).toEqual([[0], [1], [2], [3], [4]]);
  });

  it('names k out of range and non-finite entries', () => {
    const t = randomSymmetricMatrix(4, 1);
    expect(() => groupTasks(t, 0)).toThrow(/k = 0 is out of range.*between 1 and 4/);
    expect(() => groupTasks(t, 5)).toThrow(/k = 5 is out of range/);
    expect(() => groupTasks(t, 1.5)).toThrow(/integer/);
    const bad = squareFromRows([
      [1, 0],
      [NaN, 1],
    ]);
    expect(() => groupTasks(bad, 1)).toThrow(/entry \[1\]\[0\] is NaN/);
  });
});
