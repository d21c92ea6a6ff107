import { describe, expect, it } from 'vitest';
import { mean, median, pct, pearson } from './stats.ts';

describe('shared statistics', () => {
  it('mean and median of odd, even and empty lists', () => {
    expect(mean([1, 2, 6])).toBe(3);
    expect(mean(new Float32Array([2, 4]))).toBe(3);
    expect(mean([])).toBeNaN();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('pearson: ±1 for linear series, 0 for a constant one, a known value otherwise', () => {
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
    expect(pearson([1, 2, 3], [5, 5, 5])).toBe(0);
    // x = 1..4, y = 1,3,2,4: cov 2.5 (sum of products), var 5 each → 0.8
    expect(pearson([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(0.8, 12);
  });

  it('pct with the default and chosen decimals', () => {
    expect(pct(0.1234)).toBe('12.3%');
    expect(pct(0.5, 0)).toBe('50%');
    expect(pct(0.00123, 2)).toBe('0.12%');
  });
});
