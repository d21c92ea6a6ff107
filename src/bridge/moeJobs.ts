// A view cell's unlearning and knockout jobs (src/protocol/jobs.ts) on a copy of the bound run's MoE
// language model, run through the job runtime; unlearning's forget curves grow live.
import type { UnlearnJobProgress } from '../protocol/jobs.ts';
import type { ExperimentSpec, UnlearnSpec } from '../protocol/index.ts';
import { withRememberedBackend } from '../store/backendPreference.ts';
import { useLab } from '../store/index.ts';
import { jobKeys, type UnlearnLive } from '../store/jobKeys.ts';
import type { RunRecord } from '../store/runsSlice.ts';
import { cancelJob, startJob } from './jobRuntime.ts';

/**
 * The spec that retrains the run's model: its backend (same backend ⇒ same numbers) and the steps it
 * actually ran (a stopped run trained fewer than asked).
 */
export function copySpec(run: RunRecord): ExperimentSpec {
  const backend = run.backend?.backend ?? withRememberedBackend(run.spec, useLab.getState().backendPreference).backend;
  const steps = run.result?.stepsRun || run.spec.training.steps;
  return { ...run.spec, backend, training: { ...run.spec.training, steps } };
}

export type UnlearnSettings = Pick<UnlearnSpec, 'forget' | 'objective' | 'steps' | 'learningRate'>;

function addForgetLoss(live: UnlearnLive, progress: UnlearnJobProgress): UnlearnLive {
  if (progress.phase !== 'unlearning') return { ...live, progress };
  return {
    progress,
    curves: { ...live.curves, [progress.scope]: [...live.curves[progress.scope], progress.forgetLoss] },
  };
}

/** A job on the same run keeps its last result on show (as "the previous result") while it runs. */
const sameRun = (key: string, run: RunRecord) => useLab.getState().jobs[key]?.subject === run.id;

export function startUnlearning(cellId: string, run: RunRecord, settings: UnlearnSettings) {
  const key = jobKeys.unlearn(cellId);
  return startJob(key, 'unlearn', {
    input: { spec: copySpec(run), unlearn: settings },
    live: { curves: { uoe: [], 'uoe-retain': [], full: [] } },
    fold: addForgetLoss,
    subject: run.id,
    keepResult: sameRun(key, run),
  });
}

export function startKnockout(cellId: string, run: RunRecord, experts: { layer: number; expert: number }[]) {
  const key = jobKeys.knockout(cellId);
  return startJob(key, 'knockout', {
    input: { spec: copySpec(run), knockout: { experts } },
    live: undefined,
    subject: run.id,
    keepResult: sameRun(key, run),
  });
}

export const cancelUnlearning = (cellId: string) => cancelJob(jobKeys.unlearn(cellId));
export const cancelKnockout = (cellId: string) => cancelJob(jobKeys.knockout(cellId));
