// The state of the current training run, fed by worker events through the bridge.
import type { StateCreator } from 'zustand';
import type { BackendReport, DoneEvent, ProgressEvent, RunInfo } from '../protocol.ts';
import { appendSteps, emptySeries, type LossSeries } from './lossSeries.ts';

export type RunStatus = 'idle' | 'starting' | 'running' | 'paused' | 'stopping' | 'done' | 'stopped' | 'failed';

export interface RunSlice {
  status: RunStatus;
  backend?: BackendReport;
  info?: RunInfo;
  losses: LossSeries;
  stepsPerSecond: number;
  result?: DoneEvent;
  error?: string;
  runStarting(): void;
  backendReady(report: BackendReport): void;
  runStarted(info: RunInfo): void;
  progressArrived(event: ProgressEvent): void;
  statusChanged(state: 'paused' | 'running'): void;
  stopRequested(): void;
  runFinished(done: DoneEvent): void;
  runFailed(message: string): void;
}

export const createRunSlice: StateCreator<RunSlice> = (set) => ({
  status: 'idle',
  losses: emptySeries(0),
  stepsPerSecond: 0,
  runStarting: () =>
    set({ status: 'starting', info: undefined, losses: emptySeries(0), stepsPerSecond: 0, result: undefined, error: undefined }),
  backendReady: (backend) => set({ backend }),
  runStarted: (info) => set({ status: 'running', info, losses: emptySeries(info.taskNames.length) }),
  progressArrived: (event) =>
    set((state) => ({ losses: appendSteps(state.losses, event), stepsPerSecond: event.stepsPerSecond })),
  statusChanged: (status) => set((state) => (state.status === 'stopping' ? {} : { status })),
  stopRequested: () => set({ status: 'stopping' }),
  runFinished: (result) => set({ status: result.stopped ? 'stopped' : 'done', result }),
  runFailed: (error) => set({ status: 'failed', error }),
});
