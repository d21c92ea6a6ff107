// Which measured affinity matrix a HoME cell's "categories from SDP groups" groups: the newest affinity
// snapshot of a run of this notebook on the same data (the cell's own runs first), so the grouping is
// the lab's own task grouping of those very tasks. Pure: a test feeds it plain run records.
import type { AffinitySnapshotEvent, ExperimentSpec } from '../protocol/index.ts';
import type { RunRecord } from './runsSlice.ts';

export interface AffinitySource {
  /** Rows: matrix[i][j] = affinity of task i onto task j. */
  matrix: number[][];
  runName: string;
  taskNames: string[];
  method: AffinitySnapshotEvent['method'];
}

const sameData = (a: ExperimentSpec, b: ExperimentSpec) => JSON.stringify(a.dataset) === JSON.stringify(b.dataset);

export function affinityForCell(
  runs: Record<string, RunRecord>,
  cellId: string,
  spec: ExperimentSpec,
  notebookId: string | undefined,
): AffinitySource | undefined {
  const candidates = Object.values(runs)
    .filter((run) => run.notebookId === notebookId && sameData(run.spec, spec))
    .sort((a, b) => Number(b.cellId === cellId) - Number(a.cellId === cellId) || b.createdAt - a.createdAt);
  for (const run of candidates) {
    const snapshot = run.snapshots.findLast((s): s is AffinitySnapshotEvent => s.kind === 'affinity');
    if (!snapshot || !Array.from(snapshot.matrix).every(Number.isFinite)) continue;
    const n = snapshot.numTasks;
    return {
      matrix: Array.from({ length: n }, (_, i) => Array.from(snapshot.matrix.subarray(i * n, (i + 1) * n))),
      runName: run.name,
      taskNames: run.info?.taskNames ?? Array.from({ length: n }, (_, i) => `task${i}`),
      method: snapshot.method,
    };
  }
  return undefined;
}
