// What computing an on-demand affinity will cost, said before it starts. Brute force trains every
// single task and pair; above a limit the user confirms first (it runs in a worker and can be
// cancelled, so the tab never freezes either way).
import { bruteForceCost } from '../../affinityCost.ts';

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

/** Grad-TAG: one training on all tasks plus cheap per-subset fits; brute force: see affinityCost.ts. */
export function estimateOnDemandCost(
  method: 'gradtag' | 'bruteforce',
  spec: { training: { steps: number; batchSize: number } },
  numTasks: number,
  stepsPerSecond?: number,
): CostEstimate {
  const cost = method === 'bruteforce' ? bruteForceCost(spec, numTasks) : { trainings: 1, steps: spec.training.steps, passes: spec.training.steps * spec.training.batchSize };
  const seconds = stepsPerSecond && stepsPerSecond > 0 ? cost.steps / stepsPerSecond : undefined;
  const needsConfirmation = method === 'bruteforce' && (cost.trainings > CONFIRM_TRAININGS || (seconds ?? 0) > CONFIRM_SECONDS);
  const what = method === 'bruteforce' ? `${cost.trainings} trainings (all ${numTasks} single tasks and ${(numTasks * (numTasks - 1)) / 2} pairs, plus θ*)` : 'one training on all tasks plus a linear fit per pair';
  const time = seconds === undefined ? '' : `, about ${formatDuration(seconds)} at this run's speed`;
  return { ...cost, seconds, needsConfirmation, text: `${what}: ${cost.steps.toLocaleString('en')} steps, ${cost.passes.toLocaleString('en')} passes${time}` };
}
