// Every job the page runs in a job worker (src/protocol/jobs.ts), keyed by `jobKeys.ts`: its status, what
// its progress has built so far (`live`), its result or why it failed. Written only by the bridge's job
// runtime; kept for the session only (finished results the notebook keeps are written into its cells).
import type { StateCreator } from 'zustand';
import type { BackendReport } from '../protocol/events.ts';
import type { JobKind, JobResults } from '../protocol/jobs.ts';
import type { JobKey } from './jobKeys.ts';

export type JobStatus = 'running' | 'done' | 'failed' | 'cancelled';

export interface JobRecord<Live = unknown, Result = unknown> {
  status: JobStatus;
  /** Which start this is (unique across keys): a replaced job's late messages carry an older one and are dropped. */
  generation: number;
  /** What the job's progress messages have built so far (each job kind folds its own). */
  live: Live;
  /** The finished result; a new start may keep the last one while it runs. */
  result?: Result;
  error?: string;
  /** What the job works on, e.g. the run whose model it copies or the file it reads. */
  subject?: string;
  /** The backend the job's computation runs on (jobs that compute report it as they start). */
  backend?: BackendReport;
}

/** The record type of a key: its live value and its job kind's result. */
export type JobRecordOf<Key> =
  Key extends JobKey<infer K extends JobKind, infer Live> ? JobRecord<Live, JobResults[K]> : never;

export interface JobsSlice {
  jobs: Record<string, JobRecord>;
  /** Sets a key's record (a start), or forgets it (undefined). */
  jobSet(key: string, record: JobRecord | undefined): void;
  /** Changes a key's record only while it is still `generation`'s; `change` may forget it (undefined). */
  jobChanged(key: string, generation: number, change: (record: JobRecord) => JobRecord | undefined): void;
}

function withRecord(jobs: Record<string, JobRecord>, key: string, record: JobRecord | undefined) {
  const { [key]: _old, ...rest } = jobs;
  return record ? { ...rest, [key]: record } : rest;
}

export const createJobsSlice: StateCreator<JobsSlice> = (set) => ({
  jobs: {},
  jobSet: (key, record) => set((s) => ({ jobs: withRecord(s.jobs, key, record) })),
  jobChanged: (key, generation, change) =>
    set((s) => {
      const record = s.jobs[key];
      if (record?.generation !== generation) return {};
      return { jobs: withRecord(s.jobs, key, change(record)) };
    }),
});

/** A selector of one job's record, typed by its key. */
export const selectJob =
  <Key extends JobKey<JobKind, unknown>>(key: Key) =>
  (s: JobsSlice): JobRecordOf<Key> | undefined =>
    s.jobs[key] as JobRecordOf<Key> | undefined;
