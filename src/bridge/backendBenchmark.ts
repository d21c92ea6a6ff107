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
 * On a first visit, measure in the background. Skipped when the URL forces a backend, when a choice
 * is already remembered, and under browser automation (tests pin their backend; a benchmark running
 * beside them would only add noise — the classroom e2e test starts one explicitly).
 */
export function maybeMeasureOnFirstVisit(search: string): void {
  const state = useBackendPreference.getState();
  if (state.benchmark || state.override !== 'auto') return;
  if (new URLSearchParams(search).has('backend') || navigator.webdriver) return;
  setTimeout(() => void measureBackends().catch(() => undefined), 1500);
}
