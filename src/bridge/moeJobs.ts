// Starts and cancels a view cell's unlearning and knockout jobs (src/protocol/jobs.ts) on a copy of the bound
// run's MoE language model, and feeds their progress and results into the moe-jobs slice.
import type { KnockoutJobResult, UnlearnJobResult } from '../protocol/jobs.ts';
import type { ExperimentSpec, UnlearnSpec } from '../protocol/index.ts';
import { withRememberedBackend } from '../store/backendPreference.ts';
import { useLab } from '../store/index.ts';
import type { RunRecord } from '../store/runsSlice.ts';
import { runJob } from './jobBridge.ts';

const controllers = new Map<string, AbortController>();

function claim(key: string): AbortSignal {
  controllers.get(key)?.abort();
  const controller = new AbortController();
  controllers.set(key, controller);
  return controller.signal;
}

const failure = (error: unknown) =>
  error instanceof DOMException && error.name === 'AbortError'
    ? { status: 'cancelled' as const }
    : { status: 'failed' as const, error: error instanceof Error ? error.message : String(error) };

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

export async function startUnlearning(cellId: string, run: RunRecord, settings: UnlearnSettings): Promise<UnlearnJobResult | undefined> {
  const key = `unlearn:${cellId}`;
  const signal = claim(key);
  const { unlearnJobChanged } = useLab.getState();
  unlearnJobChanged(cellId, (old) => ({ status: 'running', runId: run.id, result: old?.runId === run.id ? old.result : undefined, live: { uoe: [], 'uoe-retain': [], full: [] } }));
  try {
    const result = await runJob('unlearn', { spec: copySpec(run), unlearn: settings }, {
      signal,
      onProgress: (progress) =>
        unlearnJobChanged(cellId, (old) => {
          const state = old ?? { status: 'running', runId: run.id, live: { uoe: [], 'uoe-retain': [], full: [] } };
          if (progress.phase !== 'unlearning') return { ...state, progress };
          return { ...state, progress, live: { ...state.live, [progress.scope]: [...state.live[progress.scope], progress.forgetLoss] } };
        }),
    });
    unlearnJobChanged(cellId, (old) => ({ ...old!, status: 'done', progress: undefined, error: undefined, result }));
    return result;
  } catch (error) {
    unlearnJobChanged(cellId, (old) => ({ ...old!, progress: undefined, ...failure(error) }));
    return undefined;
  } finally {
    controllers.delete(key);
  }
}

export async function startKnockout(cellId: string, run: RunRecord, experts: { layer: number; expert: number }[]): Promise<KnockoutJobResult | undefined> {
  const key = `knockout:${cellId}`;
  const signal = claim(key);
  const { knockoutJobChanged } = useLab.getState();
  knockoutJobChanged(cellId, (old) => ({ status: 'running', runId: run.id, result: old?.runId === run.id ? old.result : undefined }));
  try {
    const result = await runJob('knockout', { spec: copySpec(run), knockout: { experts } }, {
      signal,
      onProgress: (progress) => knockoutJobChanged(cellId, (old) => ({ ...(old ?? { status: 'running', runId: run.id }), progress })),
    });
    knockoutJobChanged(cellId, (old) => ({ ...old!, status: 'done', progress: undefined, error: undefined, result }));
    return result;
  } catch (error) {
    knockoutJobChanged(cellId, (old) => ({ ...old!, progress: undefined, ...failure(error) }));
    return undefined;
  } finally {
    controllers.delete(key);
  }
}

export const cancelUnlearning = (cellId: string) => controllers.get(`unlearn:${cellId}`)?.abort();
export const cancelKnockout = (cellId: string) => controllers.get(`knockout:${cellId}`)?.abort();
