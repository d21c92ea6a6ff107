// The remembered backend choice, a slice of the lab's store: the automatic benchmark's pick (with its
// figures) and the user's override, kept in localStorage. An experiment whose backend is 'auto' runs
// on the remembered one. A benchmark under way is a job (jobKeys.benchmark).
import type { StateCreator, StoreApi } from 'zustand';
import type { BenchmarkResult } from '../shared/backendChoice.ts';
import { BACKENDS, type BackendChoice, type BackendName, type ExperimentSpec } from '../protocol/index.ts';

const STORAGE_KEY = 'tasklab.backendChoice.v1';

export interface BackendPreference {
  /** The last benchmark, when one ran. */
  benchmark?: BenchmarkResult & { measuredAt: string };
  /** The user's choice; 'auto' = the benchmark's pick. */
  override: BackendChoice;
  /** The page's `?backend=`: every run and job uses it while the page is open (never stored). */
  pageBackend?: BackendName;
}

interface Stored {
  benchmark?: BackendPreference['benchmark'];
  override?: BackendChoice;
}

const isBackend = (value: unknown): value is BackendName => (BACKENDS as readonly unknown[]).includes(value);

function readStored(): Stored {
  try {
    const value = JSON.parse(globalThis.localStorage?.getItem(STORAGE_KEY) ?? '{}') as Stored;
    return typeof value === 'object' && value !== null ? value : {};
  } catch {
    return {};
  }
}

function writeStored(state: BackendPreference) {
  try {
    globalThis.localStorage?.setItem(
      STORAGE_KEY,
      JSON.stringify({ benchmark: state.benchmark, override: state.override } satisfies Stored),
    );
  } catch {
    // Private mode or full storage: the choice just is not remembered.
  }
}

export interface BackendPreferenceSlice {
  backendPreference: BackendPreference;
  setBackendPreference(
    change: Partial<BackendPreference> | ((preference: BackendPreference) => Partial<BackendPreference>),
  ): void;
}

export const createBackendPreferenceSlice: StateCreator<BackendPreferenceSlice> = (set) => {
  const stored = readStored();
  return {
    backendPreference: {
      benchmark: stored.benchmark,
      override: stored.override === 'auto' || isBackend(stored.override) ? stored.override : 'auto',
    },
    setBackendPreference: (change) =>
      set((state) => ({
        backendPreference: {
          ...state.backendPreference,
          ...(typeof change === 'function' ? change(state.backendPreference) : change),
        },
      })),
  };
};

/** Writes the benchmark and the override to localStorage whenever either changes. */
export function rememberBackendPreference(store: StoreApi<BackendPreferenceSlice>): void {
  store.subscribe(({ backendPreference: now }, { backendPreference: before }) => {
    if (now.benchmark !== before.benchmark || now.override !== before.override) writeStored(now);
  });
}

/** The backend 'auto' stands for now: the page's `?backend=`, the user's override, else the benchmark's pick, else none. */
export function rememberedBackend(preference: BackendPreference): BackendName | undefined {
  if (preference.pageBackend) return preference.pageBackend;
  if (preference.override !== 'auto') return preference.override;
  return isBackend(preference.benchmark?.chosen) ? preference.benchmark.chosen : undefined;
}

/**
 * The spec a run or job is sent with: the page's `?backend=` always wins (the README promises it);
 * otherwise 'auto' becomes the remembered choice and a backend the spec forces is left alone.
 */
export function withRememberedBackend(spec: ExperimentSpec, preference: BackendPreference): ExperimentSpec {
  if (preference.pageBackend) return { ...spec, backend: preference.pageBackend };
  if (spec.backend !== 'auto') return spec;
  const backend = rememberedBackend(preference);
  return backend ? { ...spec, backend } : spec;
}
