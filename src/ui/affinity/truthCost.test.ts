import { describe, expect, it } from 'vitest';
import { MEASUREMENT_STEPS_PER_TASK, TRUTH_STEPS } from '../../shared/affinityCost.ts';
import { REFERENCE_COSTS, referenceSeconds } from '../../shared/affinityReference.ts';
import { estimateOnDemandCost, formatDuration, timeLeft } from './truthCost.ts';

const spec = { training: { steps: 100, batchSize: 32 } };
const split = { train: 1000, validation: 320 };

describe('on-demand affinity cost', () => {
  it('counts θ*, n singles and n(n−1)/2 pairs for brute force', () => {
    // n = 4: 4 singles + 6 pairs = 10 subsets of TRUTH_STEPS full-batch steps (1000 rows), plus 100
    // steps of θ*, plus 10 validation passes (320 rows, forward only), at 50 steps/s of 32 rows of a
    // 5000-parameter model: each full-batch step costs what the reference says 1000 rows cost
    // relative to 32.
    const cost = estimateOnDemandCost('bruteforce', spec, 4, 50, split, 'wasm', 5000);
    expect(cost).toMatchObject({ trainings: 11, steps: 100 + 10 * TRUTH_STEPS, needsConfirmation: true });
    const r = referenceSeconds({ numParams: 5000, numTasks: 4, batch: 32 }, 'wasm');
    const steps = (10 * (TRUTH_STEPS * r.stepOf(1000) + r.forwardOf(320))) / r.step;
    expect(cost.seconds).toBeCloseTo((100 + steps) / 50);
    expect(steps).toBeGreaterThan(2 * 10 * TRUTH_STEPS);
    expect(cost.text).toContain(
      `11 trainings (all 4 single tasks and 6 pairs, each θ* fine-tuned ${TRUTH_STEPS} full-batch steps, plus θ*)`,
    );
  });

  it('asks for confirmation by size when the speed is unknown, never for Grad-TAG', () => {
    expect(estimateOnDemandCost('bruteforce', spec, 3).needsConfirmation).toBe(false);
    expect(estimateOnDemandCost('bruteforce', spec, 9).needsConfirmation).toBe(true); // 1 + 9 + 36 = 46 trainings
    expect(estimateOnDemandCost('gradtag', spec, 40, 1)).toMatchObject({
      trainings: 1,
      steps: 100,
      needsConfirmation: false,
    });
  });

  // Grad-TAG after θ* at 50 steps/s of 32 rows: each of `gradients` computed, projected from
  // `numParams` to 1000 and added to its task's 1000² Gram (each Gram also costing per entry), then 36 Cholesky fits of 1000³/6 and
  // 3·64·1000² around them, at the reference's cost relative to its step.
  const afterMeta = (gradients: number, backend: 'wasm' | 'cpu', numParams: number) => {
    const c = REFERENCE_COSTS[backend];
    const r = referenceSeconds({ numParams, numTasks: 8, batch: 32 }, backend);
    const seconds =
      gradients * r.gradient +
      c.projectionPerMac * gradients * (numParams * 1000 + 1e6) +
      c.gramPerTaskEntry * 8 * 1e6 +
      c.fitPerMac * (36e9 / 6 + 3 * 64 * 1e6);
    return seconds / r.step;
  };

  it('counts Grad-TAG’s per-sample gradients, not only its training (issue 18: "about 69 s" took 14 min)', () => {
    // 100 steps + 1000 training rows (all, < GRADTAG_SAMPLES) × 8 tasks per-sample gradients; the default (linear) evaluation has no validation pass.
    const cost = estimateOnDemandCost('gradtag', spec, 8, 50, split, 'wasm', 5768);
    expect(cost.seconds).toBeCloseTo((100 + afterMeta(8000, 'wasm', 5768)) / 50);
    expect(cost.seconds!).toBeGreaterThan(10 * (100 / 50));
    // per backend: cpu has its own reference; an unmeasured backend gets wasm's
    expect(estimateOnDemandCost('gradtag', spec, 8, 50, split, 'cpu', 5768).seconds).toBeCloseTo(
      (100 + afterMeta(8000, 'cpu', 5768)) / 50,
    );
    expect(estimateOnDemandCost('gradtag', spec, 8, 50, split, 'webgpu', 5768).seconds).toBeCloseTo(cost.seconds!);
    expect(cost.text).toContain('1000 per-sample gradients per task');
    // a small training split caps the rows
    const small = estimateOnDemandCost('gradtag', spec, 8, 50, { train: 100, validation: 25 }, 'wasm', 5768);
    expect(small.seconds).toBeCloseTo((100 + afterMeta(800, 'wasm', 5768)) / 50);
    expect(small.text).toContain('100 per-sample gradients per task');
  });

  it('counts the projection of each gradient when the model size is known', () => {
    const plain = estimateOnDemandCost('gradtag', spec, 8, 50, split, 'wasm');
    const sized = estimateOnDemandCost('gradtag', spec, 8, 50, split, 'wasm', 5768);
    expect(sized.seconds!).toBeGreaterThan(1.4 * plain.seconds!);
    expect(sized.text).toContain('projected to 1000 dimensions');
  });

  it('takes a run’s live affinity measurements out of its speed (the job trains without them)', () => {
    // 100 Adam steps measuring lookahead every 10 after 20: 8 measurements × 4 tasks.
    const measuring = {
      training: { ...spec.training, optimizer: 'adam' },
      affinity: { method: 'lookahead' as const, every: 10 },
    };
    const units = 100 + 8 * 4 * MEASUREMENT_STEPS_PER_TASK.lookahead;
    const plain = estimateOnDemandCost('bruteforce', spec, 4, 50, split);
    const live = estimateOnDemandCost('bruteforce', measuring, 4, 50, split);
    expect(live.seconds).toBeCloseTo((plain.seconds! * 100) / units, 9);
  });

  it('formats durations', () => {
    expect(formatDuration(0.2)).toBe('1 s');
    expect(formatDuration(89)).toBe('89 s');
    expect(formatDuration(600)).toBe('10 min');
    expect(formatDuration(7200)).toBe('2.0 h');
  });

  it('says the time left at the job’s own pace once it is known', () => {
    const progress = { stage: 1, stages: 3, label: 'training θ* on all tasks', done: 1, total: 100 };
    expect(timeLeft(progress)).toBe('Timing this job…');
    expect(timeLeft({ ...progress, estimatedSeconds: 200, elapsedSeconds: 20 })).toBe(
      "About 3 min left at this job's pace.",
    );
    expect(timeLeft({ ...progress, estimatedSeconds: 10, elapsedSeconds: 12 })).toMatch(/longer than its pace said/);
  });
});
