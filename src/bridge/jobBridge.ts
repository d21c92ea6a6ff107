// Runs one job (see src/jobs.ts) in its own worker and resolves with its result. Aborting
// terminates the worker: a job busy in a long computation cannot be interrupted any other way.
import type { FromJobWorker, JobInputs, JobKind, JobProgress, JobResults, ToJobWorker } from '../jobs.ts';

export interface JobOptions<K extends JobKind> {
  onProgress?(progress: JobProgress[K]): void;
  signal?: AbortSignal;
  /** Buffers in the input to move to the worker instead of copying (the caller loses them). */
  transfer?: Transferable[];
}

export function runJob<K extends JobKind>(kind: K, input: JobInputs[K], options: JobOptions<K> = {}): Promise<JobResults[K]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('../../workers/job.worker.ts', import.meta.url), { type: 'module' });
    const finish = () => {
      worker.terminate();
      options.signal?.removeEventListener('abort', abort);
    };
    const abort = () => {
      finish();
      reject(new DOMException('The job was cancelled', 'AbortError'));
    };
    if (options.signal?.aborted) return abort();
    options.signal?.addEventListener('abort', abort);
    worker.onmessage = ({ data }: MessageEvent<FromJobWorker>) => {
      if (data.type === 'progress') return options.onProgress?.(data.progress as JobProgress[K]);
      finish();
      if (data.type === 'result') resolve(data.result as JobResults[K]);
      else reject(new Error(data.message));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      finish();
      reject(new Error(`The ${kind} worker crashed: ${event.message || 'unknown error'}`));
    };
    worker.postMessage({ type: 'run', kind, input } as ToJobWorker, options.transfer ?? []);
  });
}
