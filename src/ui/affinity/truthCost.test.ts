import { describe, expect, it } from 'vitest';
import { estimateOnDemandCost, formatDuration } from './truthCost.ts';

const spec = { training: { steps: 100, batchSize: 32 } };

describe('on-demand affinity cost', () => {
  it('counts θ*, n singles and n(n−1)/2 pairs for brute force', () => {
    // n = 4: 4 singles + 6 pairs = 10 subsets of 100 steps, plus 100 steps of θ*.
    const cost = estimateOnDemandCost('bruteforce', spec, 4, 50);
    expect(cost).toMatchObject({ trainings: 11, steps: 1100, passes: 35_200, seconds: 22, needsConfirmation: true });
    expect(cost.text).toContain('11 trainings (all 4 single tasks and 6 pairs, plus θ*)');
    expect(cost.text).toContain('about 22 s');
  });

  it('asks for confirmation by size when the speed is unknown, never for Grad-TAG', () => {
    expect(estimateOnDemandCost('bruteforce', spec, 3).needsConfirmation).toBe(false);
    expect(estimateOnDemandCost('bruteforce', spec, 9).needsConfirmation).toBe(true); // 1 + 9 + 36 = 46 trainings
    expect(estimateOnDemandCost('gradtag', spec, 40, 1)).toMatchObject({ trainings: 1, steps: 100, needsConfirmation: false });
  });

  it('formats durations', () => {
    expect(formatDuration(0.2)).toBe('1 s');
    expect(formatDuration(89)).toBe('89 s');
    expect(formatDuration(600)).toBe('10 min');
    expect(formatDuration(7200)).toBe('2.0 h');
  });
});
