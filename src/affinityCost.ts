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
