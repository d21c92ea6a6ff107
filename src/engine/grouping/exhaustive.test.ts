import { describe, expect, it } from 'vitest';
import { averageDensity } from './density.ts';
import { solveExhaustive } from './exhaustive.ts';
import { squareFromRows } from './matrix.ts';
import { interleavedLabels, plantedMatrix, randomSymmetricMatrix, samePartition } from './testMatrices.ts';

describe('solveExhaustive', () => {
  it('scores exactly S(n, k) partitions', () => {
    const stirling: [number, number, number][] = [
      [5, 2, 15],
      [6, 3, 90],
      [7, 7, 1],
      [10, 3, 9330],
      [10, 5, 42525],
    ];
    for (const [n, k, count] of stirling)
      expect(solveExhaustive(randomSymmetricMatrix(n, n), k).partitionsScored).toBe(count);
  });

  it('finds the planted blocks of sizes (3,3,2) with D = 8 (ALGORITHMS S1)', () => {
    const labels = [0, 0, 0, 1, 1, 1, 2, 2];
    const result = solveExhaustive(plantedMatrix(labels, 0, 1), 3);
    expect(samePartition(result.assignment, labels)).toBe(true);
    expect(result.objective).toBeCloseTo(8, 12);
  });

  it('reports the objective of the assignment it returns, and no partition beats it', () => {
    const t = randomSymmetricMatrix(6, 11);
    const best = solveExhaustive(t, 2);
    expect(averageDensity(t, best.assignment)).toBeCloseTo(best.objective, 12);
    // Every 2-partition of 6 tasks by bitmask (task 0 fixed in group 0).
    for (let mask = 1; mask < 32; mask++) {
      const assignment = [0, ...Array.from({ length: 5 }, (_, b) => (mask >> b) & 1)];
      expect(averageDensity(t, assignment)).toBeLessThanOrEqual(best.objective + 1e-12);
    }
  });

  it('handles asymmetric matrices as given', () => {
    const t = squareFromRows([
      [0, 5, 0],
      [-5, 0, 1],
      [0, 1, 0],
    ]);
    // T[0,1] + T[1,0] = 0, so pairing 1 with 2 (sum 2, /2 = 1) beats pairing 0 with 1 (0).
    expect(solveExhaustive(t, 2).assignment).toEqual([0, 1, 1]);
  });

  it('refuses more than 10 tasks and k out of range', () => {
    expect(() => solveExhaustive(randomSymmetricMatrix(11, 1), 2)).toThrow(/limited to 10 tasks/);
    expect(() => solveExhaustive(randomSymmetricMatrix(4, 1), 5)).toThrow(/out of range/);
    expect(() => solveExhaustive(plantedMatrix(interleavedLabels(4, 2), 0, 1), 0)).toThrow(/out of range/);
  });
});
