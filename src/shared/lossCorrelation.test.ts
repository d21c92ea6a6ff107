import { describe, expect, it } from 'vitest';
import { lossChangeCorrelation } from './lossCorrelation.ts';

describe('lossChangeCorrelation', () => {
  it('sees wiggles that move together, apart, or not at all, whatever the common downward trend', () => {
    // three tasks over 6 steps: b wiggles with a, c against a; all fall overall
    const a = [8, 6, 5, 3, 2.5, 1];
    const b = a.map((v) => 2 * v);
    const c = [8, 7, 4, 3.5, 1.5, 1.4];
    const losses = a.flatMap((_, s) => [a[s], b[s], c[s]]);
    const m = lossChangeCorrelation(losses, 3);
    expect(m[0]).toBe(1);
    expect(m[0 * 3 + 1]).toBeCloseTo(1); // same log changes
    expect(m[0 * 3 + 2]).toBeLessThan(0);
    expect(m[2 * 3 + 0]).toBeCloseTo(m[0 * 3 + 2]);
  });
});
