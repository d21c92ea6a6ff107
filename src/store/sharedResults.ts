// Packs a notebook's finished runs into it for a file or link, and unpacks them when a notebook
// opens: the author's runs come back as run records marked `fromAuthor`.
import type { Notebook, SharedRun } from '../notebook/index.ts';
import type { AffinitySnapshotEvent } from '../protocol/index.ts';
import type { RunRecord } from './runsSlice.ts';

/** Curve points kept per task in a saved file, and in a link (links must stay short). */
export const RESULT_POINTS = { file: 2000, link: 150 } as const;

/** Links with results longer than this carry the cells only (chat and mail tools cut long URLs). */
export const RESULTS_LINK_MAX_CHARS = 32_000;

/** 4 significant digits: the curves' shape, not their last bit. */
const round = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(4)) : null);

function packLosses(run: RunRecord, maxPoints: number): SharedRun['losses'] {
  const { numTasks, numSteps, values } = run.losses;
  const stride = Math.max(1, Math.ceil(numSteps / maxPoints));
  const packed: (number | null)[] = [];
  for (let start = 0; start < numSteps; start += stride) {
    const end = Math.min(numSteps, start + stride);
    for (let t = 0; t < numTasks; t++) {
      let sum = 0;
      for (let s = start; s < end; s++) sum += values[s * numTasks + t];
      packed.push(round(sum / (end - start)));
    }
  }
  return { numSteps, stride, values: packed };
}

function packRun(run: RunRecord, maxPoints: number): SharedRun {
  const affinity = run.snapshots.findLast((s): s is AffinitySnapshotEvent => s.kind === 'affinity');
  return {
    id: run.id,
    cellId: run.cellId,
    name: run.name,
    createdAt: run.createdAt,
    spec: run.spec,
    backend: run.backend?.backend,
    info: { ...run.info! },
    result: run.result!,
    losses: packLosses(run, maxPoints),
    affinity: affinity && {
      step: affinity.step,
      method: affinity.method,
      numTasks: affinity.numTasks,
      matrix: Array.from(affinity.matrix, round),
    },
  };
}

/** The notebook with the latest finished run of each of its experiment cells (`results`). */
export function withResults(notebook: Notebook, runs: Record<string, RunRecord>, maxPoints: number): Notebook {
  const results = notebook.cells.flatMap((cell) => {
    const latest = Object.values(runs)
      .filter((run) => run.cellId === cell.id && run.status === 'done' && run.info && run.result)
      .sort((a, b) => b.createdAt - a.createdAt)[0];
    return latest ? [packRun(latest, maxPoints)] : [];
  });
  return results.length ? { ...notebook, results } : notebook;
}

/** A shared run as a run record; block means are repeated over their steps so curves keep their x-axis. */
export function unpackRun(shared: SharedRun): RunRecord {
  const { numSteps, stride, values } = shared.losses;
  const numTasks = shared.info.taskNames.length;
  const losses = new Float32Array(numSteps * numTasks);
  for (let s = 0; s < numSteps; s++) {
    for (let t = 0; t < numTasks; t++) losses[s * numTasks + t] = values[Math.floor(s / stride) * numTasks + t] ?? NaN;
  }
  const affinity: AffinitySnapshotEvent[] = shared.affinity
    ? [
        {
          type: 'snapshot',
          kind: 'affinity',
          ...shared.affinity,
          matrix: Float32Array.from(shared.affinity.matrix, (v) => v ?? NaN),
        },
      ]
    : [];
  return {
    id: shared.id,
    cellId: shared.cellId,
    name: shared.name,
    createdAt: shared.createdAt,
    spec: shared.spec,
    status: 'done',
    backend: shared.backend
      ? { backend: shared.backend as NonNullable<RunRecord['backend']>['backend'], fallbacks: [] }
      : undefined,
    info: shared.info,
    losses: { numTasks, numSteps, values: losses },
    stepsPerSecond: shared.result.seconds > 0 ? shared.result.stepsRun / shared.result.seconds : 0,
    snapshots: affinity,
    result: { type: 'done', ...shared.result },
    fromAuthor: { lossStride: stride },
  };
}

/**
 * A notebook being opened, split into its document and the author's runs saved with it (a run the
 * notebook already has locally, by id, wins), each filed under the notebook's library entry.
 */
export function takeResults(
  opened: Notebook,
  notebookId: string | undefined,
  own: RunRecord[] = [],
): { notebook: Notebook; authorRuns: RunRecord[] } {
  const { results, ...notebook } = opened;
  const authorRuns = (results ?? [])
    .map((shared) => ({ ...unpackRun(shared), notebookId }))
    .filter((run) => !own.some((mine) => mine.id === run.id));
  return { notebook, authorRuns };
}
