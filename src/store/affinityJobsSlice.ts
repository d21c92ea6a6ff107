// On-demand affinity computations (Grad-TAG, brute-force truth) per run, fed by the job bridge.
// Kept for the session only: a result belongs to the run's spec and is cheap to recompute.
import type { StateCreator } from 'zustand';
import type { AffinityJobResult, AffinityProgress } from '../protocol/jobs.ts';

export type OnDemandMethod = AffinityJobResult['method'];

export type AffinityJobState =
  /** progress: undefined until the worker's first report. */
  | { status: 'running'; progress?: AffinityProgress }
  | { status: 'done'; result: AffinityJobResult }
  | { status: 'failed'; error: string };

export interface AffinityJobsSlice {
  /** Keyed by affinityJobKey(runId, method). */
  affinityJobs: Record<string, AffinityJobState>;
  affinityJobChanged(key: string, state: AffinityJobState | undefined): void;
}

export const affinityJobKey = (runId: string, method: OnDemandMethod) => `${runId}/${method}`;

export const createAffinityJobsSlice: StateCreator<AffinityJobsSlice> = (set) => ({
  affinityJobs: {},
  affinityJobChanged: (key, state) =>
    set((s) => {
      const { [key]: _old, ...rest } = s.affinityJobs;
      return { affinityJobs: state ? { ...rest, [key]: state } : rest };
    }),
});
