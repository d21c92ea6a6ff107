// Runs the automatic backend benchmark in a job worker and remembers its pick.
import { useLab } from '../store/index.ts';
import { runJob } from './jobBridge.ts';

export async function measureBackends(): Promise<void> {
  const { backendPreference, setBackendPreference: update } = useLab.getState();
  if (backendPreference.measuring) return;
  update({ measuring: true, partial: [], error: undefined });
  try {
    const result = await runJob('benchmark', {}, { onProgress: (timing) => update((p) => ({ partial: [...p.partial, timing] })) });
    update({ benchmark: { ...result, measuredAt: new Date().toISOString() } });
  } catch (error) {
    update({ error: `The benchmark failed: ${(error as Error).message}` });
  } finally {
    update({ measuring: false });
  }
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
