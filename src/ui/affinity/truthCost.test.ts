import { describe, expect, it } from 'vitest';
import { GRADTAG_SAMPLES } from '../../shared/affinityCost.ts';
import { GRADTAG_DEFAULTS } from '../../engine/affinity/gradTag.ts';
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

  it('counts Grad-TAG’s per-sample gradients, not only its training (issue 18: "about 69 s" took 14 min)', () => {
    // 100 steps + 512 rows × 8 tasks × 0.5 + (8 + 28) subsets × 1 = 2184 step equivalents at 50 steps/s
    const cost = estimateOnDemandCost('gradtag', spec, 8, 50);
    expect(cost.seconds).toBeCloseTo(2184 / 50);
    expect(cost.text).toContain('512 per-sample gradients per task');
    // a small training split caps the rows
    expect(estimateOnDemandCost('gradtag', spec, 8, 50, 100).seconds).toBeCloseTo((100 + 100 * 8 * 0.5 + 36) / 50);
  });

  it('uses the engine’s Grad-TAG sample count', () => {
    expect(GRADTAG_SAMPLES).toBe(GRADTAG_DEFAULTS.samples);
  });

  it('formats durations', () => {
    expect(formatDuration(0.2)).toBe('1 s');
    expect(formatDuration(89)).toBe('89 s');
    expect(formatDuration(600)).toBe('10 min');
    expect(formatDuration(7200)).toBe('2.0 h');
  });
});
