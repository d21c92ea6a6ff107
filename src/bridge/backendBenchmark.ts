// Runs the automatic backend benchmark through the job runtime and remembers its pick.
import { useLab } from '../store/index.ts';
import { jobKeys } from '../store/jobKeys.ts';
import { jobRunning, startJob } from './jobRuntime.ts';

export async function measureBackends(): Promise<void> {
  if (jobRunning(jobKeys.benchmark)) return;
  const result = await startJob(jobKeys.benchmark, 'benchmark', {
    input: {},
    live: [],
    fold: (timings, timing) => [...timings, timing],
  });
  if (result)
    useLab.getState().setBackendPreference({ benchmark: { ...result, measuredAt: new Date().toISOString() } });
}

/**
 * On a first visit, measure in the background. Skipped when the page's `?backend=` (set before this
 * is called) or the user's override decides, and when a choice is already remembered.
 */
export function maybeMeasureOnFirstVisit(): void {
  const state = useLab.getState().backendPreference;
  if (state.benchmark || state.override !== 'auto' || state.pageBackend) return;
  setTimeout(() => void measureBackends().catch(() => undefined), 1500);
}
