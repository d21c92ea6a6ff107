// A run made outside the lab (result.json of an exported PyTorch project) as a run of the notebook:
// which experiment cell it belongs to, and the RunRecord every view of that cell reads.
import type { Notebook } from '../notebook/index.ts';
import { parseSpec, type ExperimentSpec } from '../protocol/index.ts';
import type { RunResultFile } from '../shared/runResult.ts';
import type { RunRecord } from './runsSlice.ts';

const canonical = (spec: ExperimentSpec) => JSON.stringify({ ...spec, backend: 'auto' });

/**
 * The experiment cell a result belongs to: the one whose spec is the result's (backend aside), else
 * (a run exported with --scale or --steps) the one with the same name and tasks.
 */
export function findExperimentCell(
  notebook: Notebook,
  result: RunResultFile,
  fileName: string,
): { ok: true; cellId: string; spec: ExperimentSpec } | { ok: false; error: string } {
  const parsed = parseSpec(result.spec);
  if (!parsed.ok) return { ok: false, error: `${fileName}: its spec is not valid: ${parsed.errors[0]}` };
  const experiments = notebook.cells.flatMap((cell) =>
    cell.kind === 'experiment' ? [{ id: cell.id, spec: parseSpec(cell.spec) }] : [],
  );
  const exact = experiments.find((cell) => cell.spec.ok && canonical(cell.spec.spec) === canonical(parsed.spec));
  const similar = experiments.find(
    (cell) =>
      cell.spec.ok &&
      cell.spec.spec.name === result.experiment &&
      cell.spec.spec.dataset.kind === parsed.spec.dataset.kind &&
      cell.spec.spec.model.kind === parsed.spec.model.kind,
  );
  const cell = exact ?? similar;
  if (cell) return { ok: true, cellId: cell.id, spec: parsed.spec };
  return {
    ok: false,
    error: `${fileName} is a run of the experiment "${result.experiment}" (${parsed.spec.model.kind} on ${parsed.spec.dataset.kind} data), which this notebook does not have; open the notebook it was exported from, or add that experiment first`,
  };
}

export function runRecordFromResult(
  result: RunResultFile,
  cellId: string,
  spec: ExperimentSpec,
  fileName: string,
  now = Date.now(),
): RunRecord {
  const numTasks = result.tasks.length;
  const values = new Float32Array(result.steps * numTasks);
  result.tasks.forEach((name, t) => result.history[name].loss.forEach((loss, s) => (values[s * numTasks + t] = loss)));
  const matrix = result.affinity?.matrix;
  return {
    id: `pytorch-${now.toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
    cellId,
    name: `${spec.name} (PyTorch)`,
    createdAt: now,
    spec,
    status: 'done',
    external: { backend: 'pytorch', device: result.device, worldSize: result.worldSize, fileName },
    info: { taskNames: result.tasks, totalSteps: result.steps, numParams: 0, scoreName: result.scoreName },
    losses: { numTasks, numSteps: result.steps, values },
    stepsPerSecond: result.steps / Math.max(result.seconds, 1e-9),
    snapshots: matrix
      ? [
          {
            type: 'snapshot',
            kind: 'affinity',
            step: result.steps - 1,
            method: result.affinity!.method,
            numTasks,
            matrix: Float32Array.from(matrix.flat()),
          },
        ]
      : [],
    result: {
      type: 'done',
      stepsRun: result.steps,
      seconds: result.seconds,
      stopped: false,
      tasks: result.tasks.map((name) => ({ name, ...result.final[name] })),
      ...(result.competitionSteps !== undefined ? { competitionSteps: result.competitionSteps } : {}),
    },
  };
}
