// The one way the page runs a job it shows: a keyed, cancellable job (key from store/jobKeys.ts) whose
// progress, result or failure goes into the store's jobs slice. Starting a key that is still running
// cancels the older job; its late messages cannot overwrite the newer one (the slice drops writes of an
// older generation). Callers add only what is particular to their kind: the input, how progress folds
// into `live`, and what to do with a finished result.
import type { JobInputs, JobKind, JobProgress, JobResults } from '../protocol/jobs.ts';
import { useLab } from '../store/index.ts';
import type { JobKey } from '../store/jobKeys.ts';
import type { JobRecord } from '../store/jobsSlice.ts';
import { runJob } from './jobBridge.ts';

export interface StartJobOptions<K extends JobKind, Live> {
  input: JobInputs[K];
  /** `live` before the first progress message. */
  live: Live;
  /** Folds one progress message into `live`; by default `live` is the latest message. */
  fold?(live: Live, progress: JobProgress[K]): Live;
  subject?: string;
  /** Keep the key's last result while this job runs (shown as "the previous result"). */
  keepResult?: boolean;
  /** A cancelled job leaves no record (the view returns to idle) instead of status 'cancelled'. */
  forgetWhenCancelled?: boolean;
  /** Buffers in the input to move to the worker instead of copying (the caller loses them). */
  transfer?: Transferable[];
  /** The result goes to the caller only, not into the record (a zip or a parsed table is not kept twice). */
  resultToCallerOnly?: boolean;
  /** Words a failure for the person: what failed and where (the file, the cell), around the worker's message. */
  failure?(message: string): string;
}

const controllers = new Map<string, { generation: number; controller: AbortController }>();
let lastGeneration = 0;

const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';

/** Runs the job; resolves with its result, or undefined when it failed, was cancelled or was replaced. */
export async function startJob<K extends JobKind, Live>(
  key: JobKey<K, Live>,
  kind: K,
  options: StartJobOptions<K, Live>,
): Promise<JobResults[K] | undefined> {
  controllers.get(key)?.controller.abort();
  const generation = ++lastGeneration;
  const controller = new AbortController();
  controllers.set(key, { generation, controller });
  const { jobs, jobSet } = useLab.getState();
  const kept = options.keepResult ? jobs[key]?.result : undefined;
  jobSet(key, { status: 'running', generation, live: options.live, subject: options.subject, result: kept });
  const change = (update: (record: JobRecord<Live>) => JobRecord<Live> | undefined) =>
    useLab.getState().jobChanged(key, generation, update as (record: JobRecord) => JobRecord | undefined);
  const fold = options.fold ?? ((_live: Live, progress: JobProgress[K]) => progress as Live);
  try {
    const result = await runJob(kind, options.input, {
      signal: controller.signal,
      transfer: options.transfer,
      onProgress: (progress) => change((record) => ({ ...record, live: fold(record.live, progress) })),
      onBackend: (backend) => change((record) => ({ ...record, backend })),
    });
    const kept = options.resultToCallerOnly ? undefined : result;
    change((record) => ({ ...record, status: 'done', result: kept, error: undefined }));
    return useLab.getState().jobs[key]?.generation === generation ? result : undefined;
  } catch (error) {
    if (isAbort(error))
      change((record) => (options.forgetWhenCancelled ? undefined : { ...record, status: 'cancelled' }));
    else {
      const message = error instanceof Error ? error.message : String(error);
      change((record) => ({ ...record, status: 'failed', error: options.failure?.(message) ?? message }));
    }
    return undefined;
  } finally {
    if (controllers.get(key)?.generation === generation) controllers.delete(key);
  }
}

/** Cancels the key's job, if one runs (terminating its worker). */
export function cancelJob(key: string): void {
  controllers.get(key)?.controller.abort();
}

export const jobRunning = (key: string): boolean => controllers.has(key);

/** Cancels the key's job, if one runs, and drops its record (a view that goes away leaves nothing behind). */
export function forgetJob(key: string): void {
  cancelJob(key);
  useLab.getState().jobSet(key, undefined);
}
