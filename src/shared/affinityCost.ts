// What a pairwise brute-force affinity costs before running it: 1 meta-initialisation + n singles
// + n(n−1)/2 pairs, each a training of `steps` steps. Pure arithmetic shared by the engine (the CLI
// refuses above a limit) and the page (it shows the estimate and asks for confirmation).

export interface TrainingSize {
  training: { steps: number; batchSize: number };
}

export interface BruteForceCost {
  /** Separate trainings, the meta-initialisation included. */
  trainings: number;
  /** Optimiser steps over all trainings. */
  steps: number;
  /** Examples through forward and backward. */
  passes: number;
}

export function bruteForceCost(spec: TrainingSize, numTasks: number, steps = spec.training.steps): BruteForceCost {
  const subsets = numTasks + (numTasks * (numTasks - 1)) / 2;
  const totalSteps = spec.training.steps + subsets * steps;
  return { trainings: 1 + subsets, steps: totalSteps, passes: totalSteps * spec.training.batchSize };
}

/** Rows whose per-sample gradients Grad-TAG collects (GRADTAG_DEFAULTS.samples in engine/affinity/gradTag.ts). */
export const GRADTAG_SAMPLES = 512;

/**
 * Grad-TAG's work in training-step equivalents: the meta-initialisation (the spec's steps), one
 * per-sample gradient per collected row and task, and one validation pass per subset (every single
 * task and pair). `PER_SAMPLE_GRADIENT` and `PER_EVALUATION` are in training steps, measured in
 * bench/gradTagCost.ts on the cpu backend.
 */
export const GRADTAG_STEP_EQUIVALENTS = { PER_SAMPLE_GRADIENT: 0.5, PER_EVALUATION: 1 };

export function gradTagStepEquivalents(spec: TrainingSize, numTasks: number, trainingRows = GRADTAG_SAMPLES): number {
  const rows = Math.min(GRADTAG_SAMPLES, trainingRows);
  const subsets = numTasks + (numTasks * (numTasks - 1)) / 2;
  return spec.training.steps + rows * numTasks * GRADTAG_STEP_EQUIVALENTS.PER_SAMPLE_GRADIENT + subsets * GRADTAG_STEP_EQUIVALENTS.PER_EVALUATION;
}
