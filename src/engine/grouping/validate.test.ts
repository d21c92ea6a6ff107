import { describe, expect, it } from 'vitest';
import { parseAffinityMatrix } from './validate.ts';

describe('parseAffinityMatrix', () => {
  it('accepts a square numeric array', () => {
    expect(
      parseAffinityMatrix([
        [1, 2],
        [3, 4],
      ]).values,
    ).toEqual(new Float64Array([1, 2, 3, 4]));
  });

  it('names the problem: shape, row, entry', () => {
    expect(() => parseAffinityMatrix({})).toThrow(/expected a 2-D array/);
    expect(() => parseAffinityMatrix([])).toThrow(/empty/);
    expect(() => parseAffinityMatrix([[1, 2], [3]])).toThrow(/not square: row 1 has 1 entries but there are 2 rows/);
    expect(() =>
      parseAffinityMatrix([
        [1, 2, 3],
        [4, 5, 6],
      ]),
    ).toThrow(/not square: row 0 has 3/);
    expect(() =>
      parseAffinityMatrix([
        [1, 'x'],
        [3, 4],
      ]),
    ).toThrow(/entry \[0\]\[1\] is not a number/);
    expect(() =>
      parseAffinityMatrix([
        [1, 2],
        [Infinity, 4],
      ]),
    ).toThrow(/entry \[1\]\[0\] is Infinity/);
    expect(() => parseAffinityMatrix([[1, 2], 5])).toThrow(/row 1 is not an array/);
  });
});
