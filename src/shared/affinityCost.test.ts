// The job's own pace (createJobPace): the affinity job's time estimate from its own first stage, not
// from a calibration run that may have been timed under load.
import { describe, expect, it } from 'vitest';
import { affinitySeconds, affinityWork, createJobPace } from './affinityCost.ts';

const spec = { training: { steps: 100, batchSize: 32 } };
const split = { train: 1000, validation: 320 };

describe('the job’s own pace', () => {
  it('re-estimates the whole job from its first stage’s timing, leaving set-up and the first step out of the pace', () => {
    const work = affinityWork('gradtag', spec, 4, split);
    const pace = createJobPace(work, spec, split, 'wasm');
    // Set-up until 300 ms, the first step (kernel compilation) until 800 ms, then 20 ms a step.
    expect(pace({ stage: 1, done: 0 }, 300)).toBeUndefined();
    expect(pace({ stage: 1, done: 1 }, 800)).toBeUndefined();
    let total: number | undefined;
    for (let done = 2; done <= 100; done++) total = pace({ stage: 1, done }, 800 + (done - 1) * 20);
    const expected = 0.5 + affinitySeconds(work, 0.02, spec, split, 'wasm') - 0.02;
    expect(total).toBeCloseTo(expected, 9);
    // Later stages keep it: their units are not optimiser steps.
    expect(pace({ stage: 2, done: 512 }, 10_000)).toBeCloseTo(expected, 9);
  });

  it('says nothing for a first stage that never advances twice', () => {
    const pace = createJobPace(affinityWork('bruteforce', spec, 3, split), spec, split);
    expect(pace({ stage: 1, done: 0 }, 0)).toBeUndefined();
    expect(pace({ stage: 1, done: 100 }, 50)).toBeUndefined();
    expect(pace({ stage: 2, done: 1 }, 90)).toBeUndefined();
  });
});
