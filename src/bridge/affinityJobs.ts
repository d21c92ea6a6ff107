// On-demand affinity jobs (Grad-TAG, brute-force truth) of a run, through the job runtime: one per run
// and method; cancelling terminates its worker (so even a long brute force never holds the page) and
// leaves the panel as it was before the start.
import type { ExperimentSpec } from '../protocol/index.ts';
import { withRememberedBackend } from '../store/backendPreference.ts';
import { useLab } from '../store/index.ts';
import { jobKeys } from '../store/jobKeys.ts';
import type { OnDemandMethod } from '../shared/affinityCost.ts';
import { cancelJob, jobRunning, startJob } from './jobRuntime.ts';

export function startAffinityJob(runId: string, spec: ExperimentSpec, method: OnDemandMethod): void {
  const key = jobKeys.affinity(runId, method);
  if (jobRunning(key)) return;
  // Jobs run on the same remembered backend as the runs ('auto' would otherwise mean webgpu first).
  const input = { spec: withRememberedBackend(spec, useLab.getState().backendPreference), method };
  void startJob(key, 'affinity', { input, live: undefined, forgetWhenCancelled: true });
}

export const cancelAffinityJob = (runId: string, method: OnDemandMethod) => cancelJob(jobKeys.affinity(runId, method));
