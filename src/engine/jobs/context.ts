// What a job handler gets besides its input: cancellation, progress, and what only the worker can
// provide (wasm paths, corpus texts, a layer pool, the Python templates). Its own module so the
// handlers and the registry in index.ts do not import each other.
import type { BackendReport } from '../../protocol/events.ts';
import type { JobKind, JobProgress } from '../../protocol/jobs.ts';
import type { PythonTemplates } from '../export/project.ts';
import type { LayerPool } from '../routing/layerPool.ts';

export interface JobContext<K extends JobKind> {
  signal: AbortSignal;
  progress(update: JobProgress[K]): void;
  /** Tells the page which backend the job runs on (and why a preferred one was skipped); jobs that compute call it once. */
  backend?(report: BackendReport): void;
  /** Where the wasm binaries are, for jobs that train. */
  wasmPaths?: Record<string, string>;
  /** Built-in corpus texts a `text` dataset names (the worker fetches them; the engine never does). */
  loadTexts?(spec: unknown): Promise<Record<string, string> | undefined>;
  /** Starts a pool of workers for per-layer trace statistics (one per core); without it they run in the job's own thread. */
  startLayerPool?(): LayerPool;
  /** The exported project's Python files (python/ in the repo, bundled into the worker). */
  pythonTemplates?: PythonTemplates;
}
