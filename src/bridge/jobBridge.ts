// Runs one job (see src/protocol/jobs.ts) in a worker and resolves with its result. Aborting terminates the
// worker: a job busy in a long computation cannot be interrupted any other way. A worker that
// finished cleanly waits a while for the next job, so frequent small jobs (re-clustering a live
// heatmap) do not load the worker's code again each time.
import type { FromJobWorker, JobInputs, JobKind, JobProgress, JobResults, ToJobWorker } from '../protocol/jobs.ts';
import type { BackendReport } from '../protocol/events.ts';
import { startLabWorker } from './labWorker.ts';

export interface JobOptions<K extends JobKind> {
  onProgress?(progress: JobProgress[K]): void;
  /** The backend the job runs on, with why any preferred one was skipped. */
  onBackend?(backend: BackendReport): void;
  signal?: AbortSignal;
  /** Buffers in the input to move to the worker instead of copying (the caller loses them). */
  transfer?: Transferable[];
}

/** How long an idle worker is kept for reuse. */
const IDLE_MS = 15_000;

const idle: { worker: Worker; timer: ReturnType<typeof setTimeout> }[] = [];

function takeWorker(): Worker {
  const reused = idle.pop();
  if (reused) {
    clearTimeout(reused.timer);
    return reused.worker;
  }
  return startLabWorker('job');
}

function keepIdle(worker: Worker) {
  worker.onmessage = null;
  worker.onerror = null;
  const expire = () => {
    idle.splice(idle.indexOf(entry), 1);
    worker.terminate();
  };
  const entry = { worker, timer: setTimeout(expire, IDLE_MS) };
  idle.push(entry);
}

export function runJob<K extends JobKind>(
  kind: K,
  input: JobInputs[K],
  options: JobOptions<K> = {},
): Promise<JobResults[K]> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return reject(new DOMException('The job was cancelled', 'AbortError'));
    const worker = takeWorker();
    const detach = () => options.signal?.removeEventListener('abort', abort);
    const abort = () => {
      detach();
      worker.terminate();
      reject(new DOMException('The job was cancelled', 'AbortError'));
    };
    options.signal?.addEventListener('abort', abort);
    worker.onmessage = ({ data }: MessageEvent<FromJobWorker>) => {
      if (data.type === 'progress') return options.onProgress?.(data.progress as JobProgress[K]);
      if (data.type === 'backend') return options.onBackend?.(data.backend);
      detach();
      keepIdle(worker);
      if (data.type === 'result') resolve(data.result as JobResults[K]);
      else reject(new Error(data.message));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      detach();
      worker.terminate();
      reject(new Error(`The ${kind} worker crashed: ${event.message || 'unknown error'}`));
    };
    worker.postMessage({ type: 'run', kind, input } as ToJobWorker, options.transfer ?? []);
  });
}
