import { describe, expect, it } from 'vitest';
import {
  compareWithTruth,
  describeAffinity,
  offDiagonalDomain,
  orderFromGroups,
  permuteMatrix,
  rankEntries,
  similarityRows,
} from './affinityMatrix.ts';

// Source i onto target j at [i * 3 + j].
const m = [0, 0.4, -0.2, 0.1, 0, 0.3, -0.6, 0.5, 0];

describe('affinity view helpers', () => {
  it('symmetrises into rows with a zero diagonal', () => {
    const withSelf = m.map((v, k) => (k % 4 === 0 ? 5 : v));
    expect(similarityRows(withSelf, 3)).toEqual([
      [0, 0.25, -0.4],
      [0.25, 0, 0.4],
      [-0.4, 0.4, 0],
    ]);
  });

  it('spans the colour domain over off-diagonal entries only', () => {
    expect(
      offDiagonalDomain(
        m.map((v, k) => (k % 4 === 0 ? 9 : v)),
        3,
      ),
    ).toEqual([-0.6, 0.6]);
    expect(offDiagonalDomain([1, 0, 0, 1], 2)).toBeUndefined();
  });

  it('permutes rows and columns together', () => {
    // order [2, 0, 1]: out[0][1] = m[2][0] = -0.6, out[1][2] = m[0][1] = 0.4, out[2][0] = m[1][2] = 0.3.
    const p = Array.from(permuteMatrix(m, 3, [2, 0, 1]));
    expect(p[1]).toBeCloseTo(-0.6);
    expect(p[5]).toBeCloseTo(0.4);
    expect(p[6]).toBeCloseTo(0.3);
    expect(p[0] + p[4] + p[8]).toBe(0);
  });

  it('orders tasks group by group and survives stale groupings', () => {
    expect(
      orderFromGroups(
        [
          [3, 1],
          [0, 2],
        ],
        4,
      ),
    ).toEqual([0, 2, 1, 3]);
    expect(orderFromGroups([[4], [0, 2]], 4)).toEqual([0, 2, 1, 3]);
    expect(orderFromGroups([[0, 1], [1]], 3)).toEqual([0, 1, 2]);
  });

  it('ranks off-diagonal entries and names the strongest and most negative', () => {
    expect(rankEntries(m, 3).map((e) => e.value)).toEqual([0.5, 0.4, 0.3, 0.1, -0.2, -0.6]);
    const text = describeAffinity(m, ['a', 'b', 'c'], 'Lookahead affinity at step 10', 2);
    expect(text).toContain('Strongest affinities: c → b 0.500; a → b 0.400.');
    expect(text).toContain('Most negative (interference): c → a -0.600; a → c -0.200.');
  });

  it('scores an estimate against the truth on off-diagonal entries', () => {
    const truth = [0, 1, 2, 4, 0, 5, 6, 8, 0];
    const estimate = [9, 1.1, 2.2, 4.4, 9, 5.5, 6.6, 8.8, 9]; // 10% high off the diagonal, same ranks
    const c = compareWithTruth(estimate, truth, 3);
    expect(c.points).toHaveLength(6);
    expect(c.points[0]).toEqual({ source: 0, target: 1, truth: 1, estimate: 1.1 });
    expect(c.relativeError).toBeCloseTo(0.1, 6);
    expect(c.spearman).toBeCloseTo(1, 9);
    const reversed = compareWithTruth([0, 8, 6, 5, 0, 4, 2, 1, 0], truth, 3);
    expect(reversed.spearman).toBeCloseTo(-1, 9);
  });

  it('keeps the error sane when some true affinities are near zero (issue 18: "mean relative error 14675.8 %")', () => {
    // A per-entry relative error would be 0.01 / 1e-5 = 1000 (100,000 %) on the first pair alone.
    const truth = [0, 1e-5, 0.2, 0.1, 0, -0.3, 0.25, 0.05, 0];
    const estimate = [0, 0.01, 0.21, 0.09, 0, -0.28, 0.24, 0.06, 0];
    const c = compareWithTruth(estimate, truth, 3);
    const diff = Math.hypot(0.01 - 1e-5, 0.01, 0.01, 0.02, 0.01, 0.01);
    expect(c.relativeError).toBeCloseTo(diff / Math.hypot(1e-5, 0.2, 0.1, 0.3, 0.25, 0.05), 9);
    expect(c.relativeError).toBeLessThan(0.1);
    // A truth of exactly zero off the diagonal leaves the error undefined, not infinite.
    expect(compareWithTruth(estimate, [0, 0, 0, 0, 0, 0, 0, 0, 0], 3).relativeError).toBeNaN();
  });
});
