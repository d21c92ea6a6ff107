import { describe, expect, it } from 'vitest';
import { averageDensity, isValidPartition, toPartition } from './density.ts';
import { squareFromRows } from './matrix.ts';

describe('averageDensity', () => {
  it('sums each block (diagonal included, as given) divided by its size', () => {
    const t = squareFromRows([
      [1, 2, 0],
      [0, 3, 1],
      [4, 0, 5],
    ]);
    // {0,1}: (1 + 2 + 0 + 3) / 2 = 3; {2}: 5.
    expect(averageDensity(t, [0, 0, 1])).toBeCloseTo(8, 12);
    // {0,2}: (1 + 0 + 4 + 5) / 2 = 5; {1}: 3.
    expect(averageDensity(t, [0, 1, 0])).toBeCloseTo(8, 12);
    // All together: 16 / 3.
    expect(averageDensity(t, [0, 0, 0])).toBeCloseTo(16 / 3, 12);
  });

  it('does not symmetrise the matrix for singletons', () => {
    const t = squareFromRows([
      [2, 9],
      [-9, 7],
    ]);
    expect(averageDensity(t, [0, 1])).toBe(9);
    expect(averageDensity(t, [0, 0])).toBe(4.5);
  });
});

describe('toPartition', () => {
  it('renumbers groups by first appearance and lists members', () => {
    expect(toPartition([2, 0, 2, 5])).toEqual({ assignment: [0, 1, 0, 2], groups: [[0, 2], [1], [3]] });
  });

  it('isValidPartition demands exactly k labelled, non-empty groups', () => {
    expect(isValidPartition([0, 1, 1], 3, 2)).toBe(true);
    expect(isValidPartition([0, 0, 0], 3, 2)).toBe(false);
    expect(isValidPartition([0, 2, 1], 3, 2)).toBe(false);
    expect(isValidPartition([0, 1], 3, 2)).toBe(false);
  });
});
