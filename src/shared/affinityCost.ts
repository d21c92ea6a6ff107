// What an on-demand affinity (Grad-TAG or the brute-force truth) costs before running it. Pure
// arithmetic shared by the engine (the CLI refuses above a limit), the page (it shows the estimate
// and asks before a large one) and bench/affinityCost.ts (estimate vs measured time).
//
// The work is counted exactly as the engine does it (src/engine/affinity/methods.ts; a unit test
// checks `passes` against the engine's cost meter), by kind, because the kinds cost differently per
// example: optimiser steps at the spec's batch size, per-sample gradients (one backward pass at batch
// size 1 each: dominated by per-call overhead, not by arithmetic), Grad-TAG's arithmetic (projecting
// each gradient to d dimensions, and a d×d ridge solve per subset: at d = 1000 these dominate it) and
// validation forward passes. Each kind is timed by its reference cost (src/shared/affinityReference.ts)
// at the machine speed the run's measured step shows. While a job runs, createJobPace re-times it
// stage by stage.

import { referenceSeconds } from './affinityReference.ts';

export interface TrainingSize {
  training: { steps: number; batchSize: number };
}

/** Rows of the training and validation splits (as splitDataset makes them). */
export interface SplitSize {
  train: number;
  validation: number;
}

/** Rows whose per-sample gradients Grad-TAG collects (GRADTAG_DEFAULTS.samples in engine/affinity/gradTag.ts). */
export const GRADTAG_SAMPLES = 2048;

/** Grad-TAG's projection dimension d (GRADTAG_DEFAULTS.projectionDim in engine/affinity/gradTag.ts). */
export const GRADTAG_DIM = 1000;

/**
 * The brute-force truth's set-up (issue 14): θ* fine-tuned on each subset for this many full-batch
 * steps of the spec's optimiser. Full batch, because the affinity of a subset must not depend on the
 * minibatch order: on the default planted example with the spec's minibatches (300 steps), two data
 * orders ranked the pairs with Spearman 0.53, and the means of two orders each 0.63
 * (bench/truthReproducibility.ts). 50 steps: the within − across gain gap of the planted groups was
 * −0.018 at 10 steps, +0.03/+0.01 at 25 and +0.043/+0.043 at 50 (seeds 1/2); each step costs a pass
 * over all training rows, so longer horizons cost more and drift further from θ*.
 */
export const TRUTH_STEPS = 50;

/** A backward pass costs about twice a forward one (ALGORITHMS.md Part 1 §3.4; engine/affinity/cost.ts). */
const FORWARD_SHARE = 1 / 3;

export type OnDemandMethod = 'gradtag' | 'bruteforce';

export interface AffinityWork {
  /** Separate trainings, θ* included. */
  trainings: number;
  /** Optimiser steps over all trainings (θ*'s at the spec's batch size, the truth's at full batch). */
  steps: number;
  /** Training examples through forward + backward over all those steps. */
  trainPasses: number;
  /** Per-sample gradients (Grad-TAG): rows × tasks. */
  sampleGradients: number;
  /** Forward passes over the whole validation split: the truth's, one per single task and per pair (Grad-TAG's default linear evaluation needs none). */
  validationPasses: number;
  /** Examples through forward + backward, forward-only ones counting 1/3: the engine's cost meter. */
  passes: number;
  /** Grad-TAG: multiply-adds projecting each per-sample gradient (p × d) and adding it to its task's Gram (d²). */
  projectionMultiplyAdds: number;
  /** Grad-TAG: multiply-adds of the per-subset fits in JS: a d×d Cholesky (d³/6) and ≈ 3·|S|·d² around it. */
  fitMultiplyAdds: number;
  /** Trainable parameters the work was counted for (0 when unknown), and Grad-TAG's d (0 for the truth). */
  numParams: number;
  dim: number;
  /** Single tasks, then all subsets (singles included) that are fitted or trained. */
  singles: number;
  subsets: number;
}

/** What the work depends on beyond the spec: the truth's horizon, Grad-TAG's model size and d. */
export interface WorkOptions {
  truthSteps?: number;
  /** Trainable parameters of the model (a run's `started` event says); without it the projection is not counted and a step is taken as all fixed part. */
  numParams?: number;
  /** Grad-TAG's projection dimension; GRADTAG_DIM by default. */
  dim?: number;
}

/** Subsets a pairwise affinity trains or evaluates: every single task and every pair. */
const subsetCount = (numTasks: number) => numTasks + (numTasks * (numTasks - 1)) / 2;

/** The training and validation rows of `numSamples` split with `validationFraction`, as the engine splits. */
export function splitSize(numSamples: number, validationFraction: number): SplitSize {
  const validation = Math.floor(numSamples * validationFraction);
  return { train: numSamples - validation, validation };
}

/**
 * Work of a pairwise on-demand affinity over `numTasks` tasks: θ* (the spec's steps at its batch size),
 * then for the truth every single task and pair fine-tuned `truthSteps` full-batch steps.
 */
export function affinityWork(
  method: OnDemandMethod,
  spec: TrainingSize,
  numTasks: number,
  split: SplitSize,
  { truthSteps = TRUTH_STEPS, numParams = 0, dim = GRADTAG_DIM }: WorkOptions = {},
): AffinityWork {
  const subsets = subsetCount(numTasks);
  const batch = Math.min(spec.training.batchSize, split.train);
  const fineTuneSteps = method === 'bruteforce' ? subsets * truthSteps : 0;
  const trainings = method === 'bruteforce' ? 1 + subsets : 1;
  const steps = spec.training.steps + fineTuneSteps;
  const sampleGradients = method === 'gradtag' ? Math.min(GRADTAG_SAMPLES, split.train) * numTasks : 0;
  const trainPasses = spec.training.steps * batch + fineTuneSteps * split.train;
  const validationPasses = method === 'bruteforce' ? subsets : 0;
  const passes = trainPasses + sampleGradients + validationPasses * split.validation * FORWARD_SHARE;
  const gradTag = method === 'gradtag';
  const projectionMultiplyAdds = gradTag ? sampleGradients * (numParams * dim + dim * dim) : 0;
  // Singles have one task, pairs two: n + 2·n(n−1)/2 = n² task terms over all subsets.
  const fitMultiplyAdds = gradTag ? (subsets * dim ** 3) / 6 + 3 * numTasks * numTasks * dim * dim : 0;
  return {
    trainings,
    steps,
    trainPasses,
    sampleGradients,
    validationPasses,
    passes,
    projectionMultiplyAdds,
    fitMultiplyAdds,
    numParams,
    dim: gradTag ? dim : 0,
    singles: numTasks,
    subsets,
  };
}

/**
 * A model of unknown size (an imported run says none) has its steps' per-row part priced as the
 * default planted example's model (16 → 64 → 64, 8 heads): a full-batch step then costs more than a
 * step of the batch, as it does, rather than the same.
 */
const UNKNOWN_MODEL_PARAMS = 5768;

/**
 * Seconds of each of the job's three stages (AffinityProgress): θ*; then Grad-TAG's per-sample
 * gradients or the truth's single tasks; then Grad-TAG's subset fits or the truth's other subsets.
 * Timed from one measured figure, the seconds per optimiser step on `backend` (a plain step: a run's
 * live measurements taken out, runStepUnits): the machine's speed is that step over the reference
 * step of the same model (src/shared/affinityReference.ts), and every other kind of work costs its
 * reference seconds at that speed, so a projection or a fit is not priced as a multiple of a step
 * whose own time grows with the batch and the width.
 */
export function stageSeconds(
  work: AffinityWork,
  secondsPerStep: number,
  spec: TrainingSize,
  split: SplitSize,
  backend?: string,
): [number, number, number] {
  const batch = Math.max(1, Math.min(spec.training.batchSize, split.train));
  const numParams = work.numParams || UNKNOWN_MODEL_PARAMS;
  const reference = referenceSeconds({ numParams, numTasks: work.singles, batch }, backend);
  const speed = secondsPerStep / reference.step;
  const meta = spec.training.steps * secondsPerStep;
  if (work.sampleGradients > 0) {
    const gradients =
      work.sampleGradients * reference.gradient + reference.projection(work.projectionMultiplyAdds, work.dim);
    return [meta, gradients * speed, reference.fit(work.fitMultiplyAdds) * speed];
  }
  const subsets = Math.max(1, work.subsets);
  const fineTuneSteps = (work.steps - spec.training.steps) / subsets;
  const validation = work.validationPasses > 0 ? reference.forwardOf(split.validation) : 0;
  const perSubset = (fineTuneSteps * reference.stepOf(split.train) + validation) * speed;
  return [meta, work.singles * perSubset, (work.subsets - work.singles) * perSubset];
}

/** Seconds for `work`: the sum of its stages (stageSeconds). */
export function affinitySeconds(
  work: AffinityWork,
  secondsPerStep: number,
  spec: TrainingSize,
  split: SplitSize,
  backend?: string,
): number {
  return stageSeconds(work, secondsPerStep, spec, split, backend).reduce((a, b) => a + b, 0);
}

/** A run's live affinity settings, as far as its cost goes (AffinitySpec of src/protocol/spec.ts). */
export interface LiveAffinity {
  method: 'lookahead' | 'cosine';
  every: number;
  skipSteps?: number;
}

/** Adam's first steps are skipped by live measurements (engine/affinity/probe.ts ADAM_SKIP_STEPS). */
const ADAM_SKIP_STEPS = 20;

/** Live measurements a run of `steps` steps takes (engine/affinity/probe.ts countMeasurements; a test checks both agree). */
export function liveMeasurements(steps: number, affinity: LiveAffinity, optimizer?: string): number {
  const skip = affinity.skipSteps ?? (optimizer === 'adam' ? ADAM_SKIP_STEPS : 0);
  return steps > skip ? Math.floor((steps - 1 - skip) / affinity.every) + 1 : 0;
}

/**
 * Optimiser steps' worth of time one live measurement costs per task, measured in
 * bench/affinityCost.ts on the default planted example (wasm): lookahead takes a backward pass per
 * task and a look-ahead forward per task, cosine a backward pass per task.
 */
export const MEASUREMENT_STEPS_PER_TASK: Record<LiveAffinity['method'], number> = { lookahead: 1, cosine: 0.7 };

/** Optimiser steps' worth of time a run of the spec takes, its live affinity measurements (if any) included. */
export function runStepUnits(
  spec: TrainingSize & { training: { optimizer?: string }; affinity?: LiveAffinity },
  numTasks: number,
): number {
  const { steps, optimizer } = spec.training;
  if (!spec.affinity) return steps;
  return (
    steps +
    liveMeasurements(steps, spec.affinity, optimizer) * numTasks * MEASUREMENT_STEPS_PER_TASK[spec.affinity.method]
  );
}

/** Brute-force trainings and optimiser steps (θ* and `steps` full-batch steps per subset), for the CLI's limit. */
export function bruteForceCost(spec: TrainingSize, numTasks: number, steps = TRUTH_STEPS) {
  const subsets = subsetCount(numTasks);
  return { trainings: 1 + subsets, steps: spec.training.steps + subsets * steps };
}

/** What the job's own pace needs of a progress report (AffinityProgress of src/protocol/jobs.ts). */
export interface StageProgress {
  stage: number;
  done: number;
  total: number;
}

/** A stage's pace: its first report with work done starts its clock (set-up and compilation left out). */
interface StageClock {
  done: number;
  at: number;
  /** Seconds per unit of the stage's work, once two reports have been timed. */
  pace?: number;
}

/**
 * The job's own pace: a calibration run measured under load (once 18× slow) made the estimate 12×
 * off, so the job times itself. Stage 1 (θ*: optimiser steps of the spec, as a run's) re-estimates the
 * whole job at that pace through stageSeconds; once a later stage has advanced twice, its own pace
 * replaces the model for the rest of it (Grad-TAG's gradients and fits cost what d makes them cost,
 * not what a training step does), and the stages after it keep the stage-1 estimate. Call with every
 * progress report and the time in ms; returns the job's total seconds, elapsed time included,
 * undefined until two reports of stage 1 have been timed.
 */
export function createJobPace(work: AffinityWork, spec: TrainingSize, split: SplitSize, backend?: string) {
  const clocks = new Map<number, StageClock>();
  let modelled: [number, number, number] | undefined;
  let total: number | undefined;
  let started: number | undefined;
  return (progress: StageProgress, nowMs: number): number | undefined => {
    started ??= nowMs;
    if (progress.done === 0) return total;
    const clock = clocks.get(progress.stage);
    if (!clock) {
      clocks.set(progress.stage, { done: progress.done, at: nowMs });
      return total;
    }
    if (progress.done <= clock.done) return total;
    clock.pace = (nowMs - clock.at) / 1000 / (progress.done - clock.done);
    if (progress.stage === 1) modelled = stageSeconds(work, clock.pace, spec, split, backend);
    if (!modelled) return total;
    const elapsed = (nowMs - started) / 1000;
    // The rest of this stage at its own pace, then the later stages as modelled.
    const rest = clock.pace * (progress.total - progress.done);
    total = elapsed + rest + modelled.slice(progress.stage).reduce((a, b) => a + b, 0);
    return total;
  };
}
