// What computing an on-demand affinity will cost, said before it starts. The work is counted as the
// engine does it and timed from the bound run's measured seconds per step (src/shared/affinityCost.ts).
// Brute force trains every single task and pair; above a limit the user confirms first (it runs in a
// worker and can be cancelled, so the tab never freezes either way).
import type { AffinityProgress } from '../../protocol/jobs.ts';
import {
  affinitySeconds,
  affinityWork,
  GRADTAG_DIM,
  GRADTAG_SAMPLES,
  runStepUnits,
  TRUTH_STEPS,
  type LiveAffinity,
  type OnDemandMethod,
  type SplitSize,
  type TrainingSize,
} from '../../shared/affinityCost.ts';
import { formatCount } from '../format.ts';

/** Ask before a brute force longer than this, or with more trainings than this. */
export const CONFIRM_SECONDS = 20;
export const CONFIRM_TRAININGS = 40;

/** Split assumed for a table whose size the page does not know: enough rows for all Grad-TAG samples. */
const UNKNOWN_SPLIT: SplitSize = { train: GRADTAG_SAMPLES, validation: GRADTAG_SAMPLES / 4 };

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
 * `stepsPerSecond`: the run's measured speed, its live affinity measurements (`spec.affinity`) included:
 * they are taken out, since the on-demand job trains without them. `split`: the run's training and
 * validation rows when known (a table's may not be); `backend`: where the run trained; `numParams`:
 * the run's model size (Grad-TAG projects each gradient of that length).
 */
export function estimateOnDemandCost(
  method: OnDemandMethod,
  spec: TrainingSize & { training: { optimizer?: string }; affinity?: LiveAffinity },
  numTasks: number,
  stepsPerSecond?: number,
  split?: SplitSize,
  backend?: string,
  numParams?: number,
): CostEstimate {
  const rows = split ?? UNKNOWN_SPLIT;
  const work = affinityWork(method, spec, numTasks, rows, { numParams });
  const plainStepShare = spec.training.steps / runStepUnits(spec, numTasks);
  const seconds =
    stepsPerSecond && stepsPerSecond > 0
      ? affinitySeconds(work, plainStepShare / stepsPerSecond, spec, rows, backend)
      : undefined;
  const needsConfirmation =
    method === 'bruteforce' && (work.trainings > CONFIRM_TRAININGS || (seconds ?? 0) > CONFIRM_SECONDS);
  const pairs = (numTasks * (numTasks - 1)) / 2;
  const what =
    method === 'bruteforce'
      ? `${work.trainings} trainings (all ${numTasks} single tasks and ${pairs} pairs, each θ* fine-tuned ${TRUTH_STEPS} full-batch steps, plus θ*)`
      : `one training on all tasks, ${work.sampleGradients / numTasks} per-sample gradients per task projected to ${GRADTAG_DIM} dimensions, then a ${GRADTAG_DIM}×${GRADTAG_DIM} linear fit per task and pair`;
  const time =
    seconds === undefined
      ? ''
      : `, about ${formatDuration(seconds)} at this run's speed (re-timed by the job as it starts)`;
  const passes = Math.round(work.passes);
  return {
    trainings: work.trainings,
    steps: work.steps,
    passes,
    seconds,
    needsConfirmation,
    text: `${what}: ${formatCount(work.steps)} steps, ${formatCount(passes)} passes${time}`,
  };
}

/** While a job runs: the time left at the job's own pace (timed on its first stage), once known. */
export function timeLeft({ estimatedSeconds, elapsedSeconds }: AffinityProgress): string {
  if (estimatedSeconds === undefined || elapsedSeconds === undefined) return 'Timing this job…';
  const left = estimatedSeconds - elapsedSeconds;
  return left > 0.5
    ? `About ${formatDuration(left)} left at this job's pace.`
    : 'Taking longer than its pace said; still going.';
}
