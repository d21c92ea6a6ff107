// Starts and cancels on-demand affinity jobs (Grad-TAG, brute-force truth) for a run, writing
// their progress and results into the store. One job per run and method; cancelling terminates
// its worker, so even a long brute force never holds the page.
import type { ExperimentSpec } from '../protocol/index.ts';
import { withRememberedBackend } from '../store/backendPreference.ts';
import { useLab } from '../store/index.ts';
import { affinityJobKey, type OnDemandMethod } from '../store/affinityJobsSlice.ts';
import { runJob } from './jobBridge.ts';

const controllers = new Map<string, AbortController>();

export function startAffinityJob(runId: string, spec: ExperimentSpec, method: OnDemandMethod): void {
  const key = affinityJobKey(runId, method);
  if (controllers.has(key)) return;
  const controller = new AbortController();
  controllers.set(key, controller);
  const changed = useLab.getState().affinityJobChanged;
  changed(key, { status: 'running' });
  // Jobs run on the same remembered backend as the runs ('auto' would otherwise mean webgpu first).
  runJob('affinity', { spec: withRememberedBackend(spec, useLab.getState().backendPreference), method }, { signal: controller.signal, onProgress: (progress) => changed(key, { status: 'running', progress }) })
    .then((result) => changed(key, { status: 'done', result }))
    .catch((error: unknown) => {
      if (error instanceof DOMException && error.name === 'AbortError') changed(key, undefined);
      else changed(key, { status: 'failed', error: error instanceof Error ? error.message : String(error) });
    })
    .finally(() => controllers.delete(key));
}

export function cancelAffinityJob(runId: string, method: OnDemandMethod): void {
  controllers.get(affinityJobKey(runId, method))?.abort();
}
