// The job's own pace (createJobPace): the affinity job's time estimate from its own stages, not from a
// calibration run that may have been timed under load; and Grad-TAG's arithmetic in the work model.
import { describe, expect, it } from 'vitest';
import { affinitySeconds, affinityWork, createJobPace, stageSeconds } from './affinityCost.ts';
import { REFERENCE_COSTS, referenceSeconds } from './affinityReference.ts';

const spec = { training: { steps: 100, batchSize: 32 } };
const split = { train: 1000, validation: 320 };

describe('the job’s own pace', () => {
  it('re-estimates the whole job from its first stage’s timing, leaving set-up and the first step out of the pace', () => {
    const work = affinityWork('gradtag', spec, 4, split);
    const pace = createJobPace(work, spec, split, 'wasm');
    // Set-up until 300 ms, the first step (kernel compilation) until 800 ms, then 20 ms a step.
    const stage1 = { stage: 1, total: 100 };
    expect(pace({ ...stage1, done: 0 }, 300)).toBeUndefined();
    expect(pace({ ...stage1, done: 1 }, 800)).toBeUndefined();
    let total: number | undefined;
    for (let done = 2; done <= 100; done++) total = pace({ ...stage1, done }, 800 + (done - 1) * 20);
    const expected = 0.5 + affinitySeconds(work, 0.02, spec, split, 'wasm') - 0.02;
    expect(total).toBeCloseTo(expected, 9);
    // The first report of a later stage only starts its clock: the estimate stays.
    const gradients = { stage: 2, total: 4000 };
    const stage2At = 800 + 99 * 20 + 100;
    expect(pace({ ...gradients, done: 100 }, stage2At)).toBeCloseTo(expected, 9);
  });

  it('replaces the model by a later stage’s own pace once that stage has advanced twice', () => {
    const work = affinityWork('gradtag', spec, 4, split, { numParams: 5000, dim: 1000 });
    const pace = createJobPace(work, spec, split, 'wasm');
    for (let done = 1; done <= 100; done++) pace({ stage: 1, done, total: 100 }, done * 20);
    const modelled = stageSeconds(work, 0.02, spec, split, 'wasm');
    // Gradients at 10 ms each, whatever the model said: 4000 of them from 3 s on.
    pace({ stage: 2, done: 100, total: 4000 }, 3000);
    const total = pace({ stage: 2, done: 200, total: 4000 }, 4000);
    expect(total).toBeCloseTo(3.98 + 3800 * 0.01 + modelled[2], 9);
    // The fits: 10 subsets, 0.5 s each, timed from the first.
    pace({ stage: 3, done: 1, total: 10 }, 60_000);
    expect(pace({ stage: 3, done: 3, total: 10 }, 61_000)).toBeCloseTo(61 - 0.02 + 7 * 0.5, 9);
  });

  it('says nothing for a first stage that never advances twice', () => {
    const pace = createJobPace(affinityWork('bruteforce', spec, 3, split), spec, split);
    expect(pace({ stage: 1, done: 0, total: 100 }, 0)).toBeUndefined();
    expect(pace({ stage: 1, done: 100, total: 100 }, 50)).toBeUndefined();
    expect(pace({ stage: 2, done: 1, total: 3 }, 90)).toBeUndefined();
    expect(pace({ stage: 2, done: 2, total: 3 }, 95)).toBeUndefined();
  });
});

describe('Grad-TAG’s arithmetic', () => {
  it('counts the projection of every per-sample gradient and a d×d solve per subset', () => {
    const work = affinityWork('gradtag', spec, 4, split, { numParams: 5000, dim: 1000 });
    // 1000 rows × 4 tasks gradients, each projected (5000 × 1000) and added to a Gram (1000²).
    expect(work.projectionMultiplyAdds).toBe(4000 * (5000 * 1000 + 1000 * 1000));
    // 4 singles + 6 pairs: 10 Cholesky factorisations of d³/6, and 3·d² per task term (4 + 2·6 = 16 = n²).
    expect(work.fitMultiplyAdds).toBeCloseTo((10 * 1e9) / 6 + 3 * 16 * 1e6, 0);
    // Growing d costs more in both stages after θ*; the truth has neither.
    const small = stageSeconds(
      affinityWork('gradtag', spec, 4, split, { numParams: 5000, dim: 400 }),
      0.01,
      spec,
      split,
      'wasm',
    );
    const large = stageSeconds(work, 0.01, spec, split, 'wasm');
    expect(large[0]).toBe(small[0]);
    expect(large[1]).toBeGreaterThan(small[1]);
    expect(large[2]).toBeGreaterThan(10 * small[2]);
    expect(affinityWork('bruteforce', spec, 4, split, { numParams: 5000 })).toMatchObject({
      projectionMultiplyAdds: 0,
      fitMultiplyAdds: 0,
    });
  });

  it('splits the truth’s time over its single tasks and pairs in proportion', () => {
    const work = affinityWork('bruteforce', spec, 4, split);
    const [meta, singles, pairs] = stageSeconds(work, 0.01, spec, split);
    expect(meta).toBeCloseTo(1, 9);
    expect(pairs / singles).toBeCloseTo(6 / 4, 9);
    expect(meta + singles + pairs).toBeCloseTo(affinitySeconds(work, 0.01, spec, split), 9);
  });
});

describe('every kind of work timed at the machine’s speed (issue 18: a wide model’s estimate was 2× too long)', () => {
  // A 12-task model with 20,000 parameters on a machine twice as slow as the reference one.
  const wide = { numParams: 20_000, numTasks: 12 };
  const at = (batchSize: number) => {
    const s = { training: { steps: 200, batchSize } };
    const rows = { train: 3000, validation: 800 };
    const secondsPerStep = 2 * referenceSeconds({ ...wide, batch: batchSize }, 'wasm').step;
    const gradTag = affinityWork('gradtag', s, 12, rows, { numParams: wide.numParams, dim: 1000 });
    const truth = affinityWork('bruteforce', s, 12, rows, { numParams: wide.numParams });
    return {
      secondsPerStep,
      gradTag: stageSeconds(gradTag, secondsPerStep, s, rows, 'wasm'),
      truth: stageSeconds(truth, secondsPerStep, s, rows, 'wasm'),
    };
  };

  it('prices the gradients, the projection and the fits the same whatever the batch makes a step cost', () => {
    const small = at(32);
    const large = at(128);
    // A step of 128 rows takes longer than one of 32, but the work after θ* is the same work.
    expect(large.secondsPerStep).toBeGreaterThan(1.5 * small.secondsPerStep);
    expect(large.gradTag[1]).toBeCloseTo(small.gradTag[1], 9);
    expect(large.gradTag[2]).toBeCloseTo(small.gradTag[2], 9);
    expect(large.truth[2]).toBeCloseTo(small.truth[2], 9);
    // θ* is the run's own steps at the run's own speed.
    expect(large.gradTag[0]).toBeCloseTo(200 * large.secondsPerStep, 9);
  });

  it('times each kind from its reference cost at that speed', () => {
    const { gradTag, truth } = at(128);
    const c = REFERENCE_COSTS.wasm;
    // 2048 rows × 12 tasks gradients, each projected from 20,000 to 1000 and added to its task's 1000² Gram.
    const gradients = 2048 * 12;
    expect(gradTag[1]).toBeCloseTo(
      2 *
        (gradients * (c.gradientFixed + 12 * c.gradientPerTask) +
          c.projectionPerMac * gradients * (2e7 + 1e6) +
          c.gramPerTaskEntry * 12 * 1e6),
      9,
    );
    // 12 + 66 subsets: a Cholesky of 1000³/6 each and 3·d² per task term (12 + 2·66 = 144).
    expect(gradTag[2]).toBeCloseTo(2 * c.fitPerMac * ((78 * 1e9) / 6 + 3 * 144 * 1e6), 6);
    // The truth: each single task 50 full-batch steps of 3000 rows and a forward pass over 800.
    const step = (rows: number) => c.stepFixed + 12 * c.stepPerTask + c.stepPerRowParam * rows * 20_000;
    expect(truth[1]).toBeCloseTo(2 * 12 * (50 * step(3000) + step(800) / 3), 9);
  });

  it('has a measured reference for wasm and cpu, and wasm’s for an unmeasured backend', () => {
    const size = { ...wide, batch: 64 };
    expect(referenceSeconds(size, 'webgpu')).toMatchObject({
      step: referenceSeconds(size, 'wasm').step,
      gradient: referenceSeconds(size, 'wasm').gradient,
    });
    expect(referenceSeconds(size, 'cpu').step).not.toBeCloseTo(referenceSeconds(size, 'wasm').step, 9);
  });
});
