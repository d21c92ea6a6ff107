// The learning rate of each step: linear warm-up, then constant or cosine decay (nanoGPT's get_lr
// without its floor). Pure, so the form's preview and the tests can use it too.
import type { ExperimentSpec } from '../../protocol/index.ts';

type Schedule = Pick<ExperimentSpec['training'], 'learningRate' | 'schedule' | 'warmupSteps' | 'steps'>;

/** Learning rate of step `step` (0-based) of a run of `training.steps` steps. */
export function learningRateAt(training: Schedule, step: number): number {
  const { learningRate, schedule = 'constant', warmupSteps = 0, steps } = training;
  // 1) warm-up: rises linearly so the first step already moves (lr / warmupSteps).
  if (step < warmupSteps) return (learningRate * (step + 1)) / warmupSteps;
  if (schedule === 'constant') return learningRate;
  // 2) cosine: from lr right after warm-up towards 0 at step `steps` (the last step is still > 0).
  const progress = (step - warmupSteps) / Math.max(1, steps - warmupSteps);
  return learningRate * 0.5 * (1 + Math.cos(Math.PI * Math.min(1, progress)));
}
