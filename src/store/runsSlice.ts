// Every run the user started, keyed by id, fed by worker events through the bridge. Finished runs
// are kept (and persisted) as the run history; a run that was live when the page closed comes
// back as "interrupted".
import type { StateCreator } from 'zustand';
import type { BackendReport, SnapshotEvent, DoneEvent, ExperimentSpec, ProgressEvent, RunInfo } from '../protocol.ts';
import { appendSteps, emptySeries, type LossSeries } from './lossSeries.ts';
import { appendSnapshot } from './snapshotThinning.ts';

export type RunStatus = 'starting' | 'running' | 'paused' | 'stopping' | 'done' | 'stopped' | 'failed' | 'interrupted';

export const LIVE_STATUSES: ReadonlySet<RunStatus> = new Set(['starting', 'running', 'paused', 'stopping']);

export interface RunRecord {
  id: string;
  /** The notebook cell that started it. */
  cellId: string;
  name: string;
  createdAt: number;
  spec: ExperimentSpec;
  status: RunStatus;
  backend?: BackendReport;
  info?: RunInfo;
  losses: LossSeries;
  stepsPerSecond: number;
  /** Analysis snapshots in arrival order (affinity so far), for live views and time scrubbers. */
  snapshots: SnapshotEvent[];
  result?: DoneEvent;
  error?: string;
  /** Opened with a shared notebook: the author's run, not trained in this browser (curves averaged over `lossStride` steps). */
  fromAuthor?: { lossStride: number };
}

export interface RunsSlice {
  runs: Record<string, RunRecord>;
  /** The run a cell's views show, when the user picked one from its history (else its newest). */
  selectedRuns: Record<string, string>;
  selectRun(cellId: string, runId: string | undefined): void;
  runAdded(run: Pick<RunRecord, 'id' | 'cellId' | 'name' | 'spec'>): void;
  runsRestored(runs: RunRecord[]): void;
  backendReady(id: string, report: BackendReport): void;
  runStarted(id: string, info: RunInfo): void;
  progressArrived(id: string, event: ProgressEvent): void;
  snapshotArrived(id: string, event: SnapshotEvent): void;
  statusChanged(id: string, state: 'paused' | 'running'): void;
  stopRequested(id: string): void;
  runFinished(id: string, done: DoneEvent): void;
  runFailed(id: string, message: string): void;
  runDeleted(id: string): void;
}

export const createRunsSlice: StateCreator<RunsSlice> = (set) => {
  const update = (id: string, change: (run: RunRecord) => Partial<RunRecord>) =>
    set((state) => {
      const run = state.runs[id];
      return run ? { runs: { ...state.runs, [id]: { ...run, ...change(run) } } } : {};
    });

  return {
    runs: {},
    selectedRuns: {},
    selectRun: (cellId, runId) =>
      set((state) => {
        const { [cellId]: _old, ...rest } = state.selectedRuns;
        return { selectedRuns: runId ? { ...rest, [cellId]: runId } : rest };
      }),
    runAdded: (run) =>
      set((state) => ({
        runs: { ...state.runs, [run.id]: { ...run, createdAt: Date.now(), status: 'starting', losses: emptySeries(0), stepsPerSecond: 0, snapshots: [] } },
      })),
    runsRestored: (restored) =>
      set((state) => ({ runs: { ...Object.fromEntries(restored.map((run) => [run.id, run])), ...state.runs } })),
    backendReady: (id, backend) => update(id, () => ({ backend })),
    runStarted: (id, info) => update(id, () => ({ status: 'running', info, losses: emptySeries(info.taskNames.length) })),
    progressArrived: (id, event) =>
      update(id, (run) => ({ losses: appendSteps(run.losses, event), stepsPerSecond: event.stepsPerSecond })),
    snapshotArrived: (id, event) => update(id, (run) => ({ snapshots: appendSnapshot(run.snapshots, event) })),
    statusChanged: (id, status) => update(id, (run) => (run.status === 'stopping' ? {} : { status })),
    stopRequested: (id) => update(id, () => ({ status: 'stopping' })),
    runFinished: (id, result) => update(id, () => ({ status: result.stopped ? 'stopped' : 'done', result })),
    runFailed: (id, error) => update(id, () => ({ status: 'failed', error })),
    runDeleted: (id) =>
      set((state) => {
        const { [id]: _deleted, ...runs } = state.runs;
        return { runs };
      }),
  };
};

/** Runs of one cell, newest first. */
export const runsOfCell = (runs: Record<string, RunRecord>, cellId: string) =>
  Object.values(runs)
    .filter((run) => run.cellId === cellId)
    .sort((a, b) => b.createdAt - a.createdAt);

/** The run a cell's views show: the selected one, else the newest. */
export function viewedRun(state: Pick<RunsSlice, 'runs' | 'selectedRuns'>, cellId: string): RunRecord | undefined {
  const selected = state.runs[state.selectedRuns[cellId]];
  return selected ?? runsOfCell(state.runs, cellId)[0];
}
