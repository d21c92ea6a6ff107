// What an on-demand affinity (Grad-TAG or the brute-force truth) costs before running it. Pure
// arithmetic shared by the engine (the CLI refuses above a limit), the page (it shows the estimate
// and asks before a large one) and bench/affinityCost.ts (estimate vs measured time).
//
// The work is counted exactly as the engine does it (src/engine/affinity/methods.ts; a unit test
// checks `passes` against the engine's cost meter), by kind, because the kinds cost differently per
// example: optimiser steps at the spec's batch size, per-sample gradients (one backward pass at batch
// size 1 each: dominated by per-call overhead, not by arithmetic) and validation forward passes.

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
  truthSteps = TRUTH_STEPS,
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
  return { trainings, steps, trainPasses, sampleGradients, validationPasses, passes };
}

/**
 * What a per-sample gradient costs as a share of one optimiser step, by backend (both are dominated by
 * per-call overhead at these model sizes), measured in bench/affinityCost.ts on the planted examples
 * and a wider set-up: about 0.2–0.3 on wasm, 0.2–0.6 on cpu. Other backends were not measured: 0.5.
 */
export const SAMPLE_GRADIENT_PER_STEP: Record<string, number> = { wasm: 0.25, cpu: 0.5 };
const UNMEASURED_SAMPLE_GRADIENT_PER_STEP = 0.5;

/**
 * Seconds for `work`, from the one time the page has measured: its run's seconds per optimiser step on
 * `backend`, taken as proportional to the examples in a step (a full-batch step of 1,600 rows costs
 * about 25 steps of 64: an upper bound, larger batches use the hardware better). A validation pass
 * costs one forward share per batch of rows.
 */
export function affinitySeconds(
  work: AffinityWork,
  secondsPerStep: number,
  spec: TrainingSize,
  split: SplitSize,
  backend?: string,
): number {
  const batch = Math.max(1, Math.min(spec.training.batchSize, split.train));
  const validationSteps = work.validationPasses * Math.max(1, split.validation / batch) * FORWARD_SHARE;
  const gradientShare = SAMPLE_GRADIENT_PER_STEP[backend ?? ''] ?? UNMEASURED_SAMPLE_GRADIENT_PER_STEP;
  return secondsPerStep * (work.trainPasses / batch + work.sampleGradients * gradientShare + validationSteps);
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
}

/**
 * The job's own pace: a calibration run measured under load (once 18× slow) made the estimate 12×
 * off, so the job times its first stage (θ*: optimiser steps of the spec, as a run's) and re-estimates
 * the whole job at that pace. The first report with steps done starts the clock, so set-up and kernel
 * compilation are left out of the pace (they are in the elapsed time). Call with every progress report
 * and the time in ms; returns the job's total seconds at its own pace, undefined until two reports of
 * stage 1 have been timed, then kept from the last one.
 */
export function createJobPace(work: AffinityWork, spec: TrainingSize, split: SplitSize, backend?: string) {
  let clock: { done: number; at: number } | undefined;
  let total: number | undefined;
  let started: number | undefined;
  return (progress: StageProgress, nowMs: number): number | undefined => {
    started ??= nowMs;
    if (progress.stage !== 1 || progress.done === 0) return total;
    if (!clock) clock = { done: progress.done, at: nowMs };
    else if (progress.done > clock.done) {
      const secondsPerStep = (nowMs - clock.at) / 1000 / (progress.done - clock.done);
      // Seconds spent before the clock started, then the work after its first steps at this pace.
      total =
        (clock.at - started) / 1000 +
        affinitySeconds(work, secondsPerStep, spec, split, backend) -
        secondsPerStep * clock.done;
    }
    return total;
  };
}
