// Unlearning and knockout jobs of view cells (issue 9), keyed by cell id. Kept for the session only:
// a result belongs to one run, and the job can retrain and recompute it; the view survives re-renders,
// moves and the bound experiment re-running (it then says the result is for an earlier run).
import type { StateCreator } from 'zustand';
import type { KnockoutJobProgress, KnockoutJobResult, UnlearnJobProgress, UnlearnJobResult } from '../protocol/jobs.ts';

export interface MoeJobState<Result, Progress> {
  status: 'running' | 'done' | 'failed' | 'cancelled';
  /** The run whose model was copied. */
  runId: string;
  progress?: Progress;
  /** The last finished result (kept while a new job runs or after one fails). */
  result?: Result;
  error?: string;
}

export interface UnlearnJobState extends MoeJobState<UnlearnJobResult, UnlearnJobProgress> {
  /** Forget-set loss per unlearning step so far, by method: the curves grow while the job runs. */
  live: { uoe: number[]; 'uoe-retain': number[]; full: number[] };
}

export type KnockoutJobState = MoeJobState<KnockoutJobResult, KnockoutJobProgress>;

export interface MoeJobsSlice {
  unlearnJobs: Record<string, UnlearnJobState>;
  knockoutJobs: Record<string, KnockoutJobState>;
  unlearnJobChanged(cellId: string, update: (old: UnlearnJobState | undefined) => UnlearnJobState): void;
  knockoutJobChanged(cellId: string, update: (old: KnockoutJobState | undefined) => KnockoutJobState): void;
}

export const createMoeJobsSlice: StateCreator<MoeJobsSlice> = (set) => ({
  unlearnJobs: {},
  knockoutJobs: {},
  unlearnJobChanged: (cellId, update) => set((s) => ({ unlearnJobs: { ...s.unlearnJobs, [cellId]: update(s.unlearnJobs[cellId]) } })),
  knockoutJobChanged: (cellId, update) => set((s) => ({ knockoutJobs: { ...s.knockoutJobs, [cellId]: update(s.knockoutJobs[cellId]) } })),
});
