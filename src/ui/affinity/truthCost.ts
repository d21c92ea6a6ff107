// What computing an on-demand affinity will cost, said before it starts. Brute force trains every
// single task and pair; above a limit the user confirms first (it runs in a worker and can be
// cancelled, so the tab never freezes either way).
import { bruteForceCost, GRADTAG_SAMPLES, gradTagStepEquivalents } from '../../shared/affinityCost.ts';
import { formatCount } from '../format.ts';

/** Ask before a brute force longer than this, or with more trainings than this. */
export const CONFIRM_SECONDS = 20;
export const CONFIRM_TRAININGS = 40;

export interface CostEstimate {
  trainings: number;
  steps: number;
  passes: number;
  /** From the bound run's measured speed; undefined when it has none. */
  seconds?: number;
  needsConfirmation: boolean;
  text: string;
}

export function formatDuration(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/**
 * Grad-TAG: one training on all tasks, per-sample gradients of up to 512 training rows per task,
 * then a fit and a validation pass per subset; brute force: see src/shared/affinityCost.ts. `trainingRows` is
 * the size of the training split when known (Grad-TAG takes at most 512 of them).
 */
export function estimateOnDemandCost(
  method: 'gradtag' | 'bruteforce',
  spec: { training: { steps: number; batchSize: number } },
  numTasks: number,
  stepsPerSecond?: number,
  trainingRows?: number,
): CostEstimate {
  const rows = Math.min(GRADTAG_SAMPLES, trainingRows ?? GRADTAG_SAMPLES);
  const cost = method === 'bruteforce' ? bruteForceCost(spec, numTasks) : { trainings: 1, steps: spec.training.steps, passes: spec.training.steps * spec.training.batchSize + rows * numTasks };
  const work = method === 'bruteforce' ? cost.steps : gradTagStepEquivalents(spec, numTasks, rows);
  const seconds = stepsPerSecond && stepsPerSecond > 0 ? work / stepsPerSecond : undefined;
  const needsConfirmation = method === 'bruteforce' && (cost.trainings > CONFIRM_TRAININGS || (seconds ?? 0) > CONFIRM_SECONDS);
  const what = method === 'bruteforce' ? `${cost.trainings} trainings (all ${numTasks} single tasks and ${(numTasks * (numTasks - 1)) / 2} pairs, plus θ*)` : `one training on all tasks, ${rows} per-sample gradients per task, then a linear fit per pair`;
  const time = seconds === undefined ? '' : `, about ${formatDuration(seconds)} at this run's speed`;
  return { ...cost, seconds, needsConfirmation, text: `${what}: ${formatCount(cost.steps)} steps, ${formatCount(cost.passes)} passes${time}` };
}
