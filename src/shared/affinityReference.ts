// What each kind of work in an on-demand affinity costs on a reference machine, by model size, so
// that one measured figure (a run's seconds per step) times every stage: the machine's speed is the
// measured step over the reference step of the same model, and every stage's reference seconds are
// scaled by it (src/shared/affinityCost.ts stageSeconds).
//
// Why not count every stage in optimiser steps: the kinds grow differently with the model. A step's
// time is a fixed part (per-op overhead, per task head) plus a part per row × parameter; a per-sample
// gradient (batch 1) is almost all per-op overhead; the projection is p × d multiply-adds per gradient
// and the fits d³ per subset in JS, neither of which grows with the batch. Counted in steps, a model
// with a slower step (a wider trunk, a larger batch) had its projection and fits priced at that slower
// step: a 12-task model with a 128-128 trunk at batch 128 came out 2.1–2.3× too long (issue 18).

/** What the time of the affinity's work depends on besides the work's counts. */
export interface ModelSize {
  /** Trainable parameters (a run's `started` event says; 0 when unknown: the step is then all fixed part). */
  numParams: number;
  numTasks: number;
  /** Rows of one optimiser step of the run (the spec's batch size, capped by the training rows). */
  batch: number;
}

/** Seconds on the reference machine (see REFERENCE_COSTS). */
interface ReferenceCosts {
  /** A training step's part that does not grow with its rows: a fixed part and one per task head. */
  stepFixed: number;
  stepPerTask: number;
  /** A training step's part per row × parameter (forward and backward). */
  stepPerRowParam: number;
  /** A per-sample gradient (batch 1, one task's loss through every head), before its projection. */
  gradientFixed: number;
  gradientPerTask: number;
  /** Grad-TAG's projection and Gram update, per multiply-add (backend matMuls). */
  projectionPerMac: number;
  /**
   * Grad-TAG's gradient stage per task, per entry of its d×d Gram, whatever the rows: allocating,
   * accumulating and reading it back as float64. Found as the part of that stage that does not grow
   * with the rows (4 tasks at d = 1000: 820 vs 3280 gradients).
   */
  gramPerTaskEntry: number;
  /** Grad-TAG's per-subset fits, per multiply-add (float64 in JS, whatever the backend). */
  fitPerMac: number;
}

/**
 * wasm: fitted to bench/affinityCost.ts on a 2-core machine shared with other jobs (load 4–16: the
 * same run's step time moved up to 3.4× within minutes, so single figures are rough; what is fitted
 * is their ratios). At light load a step of 64 rows of the default 16 → 64 → 64 × 8-head model (5,768
 * parameters) took 1.8 ms and a full-batch step of 1,639 rows 10.4 ms; 128 rows of a 128-128 trunk
 * with 12 heads (20,236 parameters) 3.5 ms. A per-sample gradient with its projection to d = 1000
 * took 2.6 ms at 5,768 parameters and 7.5 ms at 20,236 (0.34 ns per multiply-add beyond ≈ 0.6 ms);
 * at 612 parameters about twice what its parameters alone say, hence the part per task. A 1000×1000
 * fit took 0.57 s. The step's figures are the light-load ones: under heavy load a run's steps slowed
 * about twice as much as the gradients and fits, so there the estimate comes out long (measured /
 * estimate 0.52–0.55), and the job's own pace takes over once it has timed itself. On an idle 2-core
 * machine (bench/affinityCost.ts, wasm) measured / estimate at the run's speed was, for Grad-TAG:
 * default 0.93, 4 tasks 1.00, 16-16 1.76, wide 12-task 1.14; for the truth: default 1.16, 4 tasks
 * 1.43, 16-16 2.42 (a 1.4-s job), wide 1.08. (With step figures 1.3× these, set earlier for load:
 * 1.36, 1.45, 2.24, 1.43; 1.49, 1.08, 1.86, 0.96.) The small model stays under-estimated: its
 * per-sample gradients take 1.3 ms where its step takes 0.6 ms.
 * cpu: not re-fitted; its step and per-op costs are about 3× wasm's (DESIGN.md: 19 vs 6 ms a step),
 * the JS fits the same. Other backends get wasm's figures (not measured; the job re-times itself).
 */
export const REFERENCE_COSTS: Record<string, ReferenceCosts> = {
  wasm: {
    stepFixed: 1.1e-3,
    stepPerTask: 0.04e-3,
    stepPerRowParam: 0.96e-9,
    gradientFixed: 0.3e-3,
    gradientPerTask: 0.1e-3,
    projectionPerMac: 0.3e-9,
    gramPerTaskEntry: 0.3e-6,
    fitPerMac: 3.3e-9,
  },
  cpu: {
    stepFixed: 3.3e-3,
    stepPerTask: 0.12e-3,
    stepPerRowParam: 2.9e-9,
    gradientFixed: 0.9e-3,
    gradientPerTask: 0.3e-3,
    projectionPerMac: 0.9e-9,
    gramPerTaskEntry: 0.3e-6,
    fitPerMac: 3.3e-9,
  },
};

const costsOf = (backend?: string) => REFERENCE_COSTS[backend ?? ''] ?? REFERENCE_COSTS.wasm;

/** A backward pass costs about twice a forward one (ALGORITHMS.md Part 1 §3.4; engine/affinity/cost.ts). */
const FORWARD_SHARE = 1 / 3;

/** Reference seconds of each kind of work for a model of `size` on `backend`. */
export function referenceSeconds({ numParams, numTasks, batch }: ModelSize, backend?: string) {
  const c = costsOf(backend);
  const stepOf = (rows: number) => c.stepFixed + c.stepPerTask * numTasks + c.stepPerRowParam * rows * numParams;
  return {
    /** One optimiser step at the run's batch. */
    step: stepOf(batch),
    /** One optimiser step over `rows` rows (the truth's full-batch steps). */
    stepOf,
    /** A forward pass over `rows` rows (the truth's validation passes). */
    forwardOf: (rows: number) => FORWARD_SHARE * stepOf(rows),
    /** One per-sample gradient, before its projection. */
    gradient: c.gradientFixed + c.gradientPerTask * numTasks,
    /** `multiplyAdds` of Grad-TAG's projection and Gram updates, and its per-task Grams of side `dim`. */
    projection: (multiplyAdds: number, dim: number) =>
      c.projectionPerMac * multiplyAdds + c.gramPerTaskEntry * numTasks * dim * dim,
    /** `multiplyAdds` of Grad-TAG's subset fits. */
    fit: (multiplyAdds: number) => c.fitPerMac * multiplyAdds,
  };
}
