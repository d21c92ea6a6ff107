// Every run the user started, keyed by id, fed by worker events through the bridge. Finished runs
// are kept (and persisted) as the run history; a run that was live when the page closed comes
// back as "interrupted".
import type { StateCreator } from 'zustand';
import type {
  BackendReport,
  SnapshotEvent,
  DoneEvent,
  ExperimentSpec,
  ProgressEvent,
  RunInfo,
} from '../protocol/index.ts';
import { appendSteps, emptySeries, type LossSeries } from './lossSeries.ts';
import { appendSnapshot } from './snapshotThinning.ts';

export type RunStatus =
  'queued' | 'starting' | 'running' | 'paused' | 'stopping' | 'done' | 'stopped' | 'failed' | 'interrupted';

export const LIVE_STATUSES: ReadonlySet<RunStatus> = new Set(['queued', 'starting', 'running', 'paused', 'stopping']);

export interface RunRecord {
  id: string;
  /** The notebook cell that started it. */
  cellId: string;
  /** The library entry of that notebook: a run stays with its notebook. */
  notebookId?: string;
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
  /** While queued: its place in line (1 = next to start). */
  queuePlace?: number;
  result?: DoneEvent;
  error?: string;
  /** Why a run ended the way it did when it is not an error (a stop that needed the worker ended). */
  note?: string;
  /** A run made outside the lab and brought back as a file (an exported PyTorch project's result.json). */
  external?: ExternalRun;
  /** Opened with a shared notebook: the author's run, not trained in this browser (curves averaged over `lossStride` steps). */
  fromAuthor?: { lossStride: number };
}

export interface ExternalRun {
  backend: 'pytorch';
  /** "cpu" or the CUDA device's name. */
  device: string;
  /** Processes that trained it (torchrun --nproc_per_node × nodes). */
  worldSize: number;
  fileName: string;
}

/** Where a run trained, for tables: the lab's backend, or PyTorch with its device and process count. */
export function runBackendLabel(run: RunRecord): string {
  if (run.external)
    return `PyTorch (${run.external.device}, ${run.external.worldSize} process${run.external.worldSize === 1 ? '' : 'es'})`;
  return run.backend?.backend ?? '–';
}

export interface RunsSlice {
  runs: Record<string, RunRecord>;
  /** The run a cell's views show, when the user picked one from its history (else its newest). */
  selectedRuns: Record<string, string>;
  selectRun(cellId: string, runId: string | undefined): void;
  runAdded(run: Pick<RunRecord, 'id' | 'cellId' | 'name' | 'spec'>): void;
  backendReady(id: string, report: BackendReport): void;
  runStarted(id: string, info: RunInfo): void;
  /** Progress of several runs (each run's events in order), in one store update. */
  progressArrived(batch: ReadonlyMap<string, readonly ProgressEvent[]>): void;
  snapshotArrived(id: string, event: SnapshotEvent): void;
  statusChanged(id: string, state: 'paused' | 'running' | 'stopped'): void;
  stopRequested(id: string): void;
  /** Waiting for a free worker slot at `place`, or (undefined) leaving the queue to start. */
  runQueued(id: string, place: number | undefined): void;
  /** Stopped without a result from the worker (stopped while queued, or the worker had to be ended). */
  runStopped(id: string, note?: string): void;
  runFinished(id: string, done: DoneEvent): void;
  runFailed(id: string, message: string): void;
  runDeleted(id: string): void;
  /** A finished run made elsewhere (a PyTorch result file) joins the open notebook's history. */
  runImported(run: RunRecord): void;
}

export const createRunsSlice: StateCreator<RunsSlice & { notebookId?: string }, [], [], RunsSlice> = (set, get) => {
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
        runs: {
          ...state.runs,
          [run.id]: {
            ...run,
            notebookId: get().notebookId,
            createdAt: Date.now(),
            status: 'starting',
            losses: emptySeries(0),
            stepsPerSecond: 0,
            snapshots: [],
          },
        },
      })),
    backendReady: (id, backend) => update(id, () => ({ backend })),
    runStarted: (id, info) =>
      update(id, () => ({ status: 'running', info, losses: emptySeries(info.taskNames.length) })),
    progressArrived: (batch) =>
      set((state) => {
        const runs = { ...state.runs };
        for (const [id, events] of batch) {
          const run = runs[id];
          if (!run || events.length === 0) continue;
          const losses = events.reduce(appendSteps, run.losses);
          runs[id] = { ...run, losses, stepsPerSecond: events[events.length - 1].stepsPerSecond };
        }
        return { runs };
      }),
    snapshotArrived: (id, event) => update(id, (run) => ({ snapshots: appendSnapshot(run.snapshots, event) })),
    statusChanged: (id, status) =>
      update(id, (run) => (run.status === 'stopping' && status !== 'stopped' ? {} : { status })),
    stopRequested: (id) => update(id, () => ({ status: 'stopping' })),
    runQueued: (id, place) =>
      update(id, () =>
        place ? { status: 'queued', queuePlace: place } : { status: 'starting', queuePlace: undefined },
      ),
    runStopped: (id, note) => update(id, () => ({ status: 'stopped', note, queuePlace: undefined })),
    runFinished: (id, result) => update(id, () => ({ status: result.stopped ? 'stopped' : 'done', result })),
    runFailed: (id, error) => update(id, () => ({ status: 'failed', error })),
    runImported: (run) =>
      set((state) => ({ runs: { ...state.runs, [run.id]: { ...run, notebookId: get().notebookId } } })),
    runDeleted: (id) =>
      set((state) => {
        const { [id]: _deleted, ...runs } = state.runs;
        return { runs };
      }),
  };
};

/** The runs to hold while a notebook is open: its own, and runs still live (of any notebook), which keep going. */
export function runsForNotebook(current: Record<string, RunRecord>, own: RunRecord[]): Record<string, RunRecord> {
  const live = Object.values(current).filter((run) => LIVE_STATUSES.has(run.status));
  return Object.fromEntries([...own, ...live].map((run) => [run.id, run]));
}

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
