// The job's own pace (createJobPace): the affinity job's time estimate from its own stages, not from a
// calibration run that may have been timed under load; and Grad-TAG's arithmetic in the work model.
import { describe, expect, it } from 'vitest';
import { affinitySeconds, affinityWork, createJobPace, stageSeconds } from './affinityCost.ts';

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
