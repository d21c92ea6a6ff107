// Runs the automatic backend benchmark in a job worker and remembers its pick.
import { useBackendPreference } from '../store/backendPreference.ts';
import { runJob } from './jobBridge.ts';

export async function measureBackends(): Promise<void> {
  const store = useBackendPreference;
  if (store.getState().measuring) return;
  store.setState({ measuring: true, partial: [], error: undefined });
  try {
    const result = await runJob('benchmark', {}, { onProgress: (timing) => store.setState((s) => ({ partial: [...s.partial, timing] })) });
    store.setState({ benchmark: { ...result, measuredAt: new Date().toISOString() } });
  } catch (error) {
    store.setState({ error: `The benchmark failed: ${(error as Error).message}` });
  } finally {
    store.setState({ measuring: false });
  }
}

/**
 * On a first visit, measure in the background. Skipped when the page's `?backend=` (set before this
 * is called) or the user's override decides, and when a choice is already remembered.
 */
export function maybeMeasureOnFirstVisit(): void {
  const state = useBackendPreference.getState();
  if (state.benchmark || state.override !== 'auto' || state.pageBackend) return;
  setTimeout(() => void measureBackends().catch(() => undefined), 1500);
}
