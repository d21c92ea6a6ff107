import { describe, expect, it } from 'vitest';
import { defaultNotebook } from '../notebook/defaultNotebook.ts';
import { ExperimentSpec } from '../protocol/index.ts';
import { parseRunResult, type RunResultFile } from '../shared/runResult.ts';
import { findExperimentCell, runRecordFromResult } from './importedRun.ts';
import { runBackendLabel } from './runsSlice.ts';

const notebook = defaultNotebook(1);
const labSpec = ExperimentSpec.parse((notebook.cells[1] as { spec: unknown }).spec);

function resultFile(spec: unknown, extra: Partial<RunResultFile> = {}): RunResultFile {
  const tasks = ['a', 'b'];
  return {
    format: 'tasklab-result',
    version: 1,
    experiment: labSpec.name,
    spec,
    tasks,
    backend: 'pytorch',
    device: 'NVIDIA H200',
    worldSize: 2,
    seconds: 2,
    steps: 3,
    scoreName: 'R²',
    history: { a: { loss: [3, 2, 1] }, b: { loss: [6, 5, 4] } },
    final: {
      a: { trainLoss: 1, validationLoss: 1.5, validationScore: 0.5 },
      b: { trainLoss: 4, validationLoss: 4.5, validationScore: 0.25 },
    },
    affinity: {
      method: 'cosine',
      tasks,
      matrix: [
        [1, 0.5],
        [0.25, 1],
      ],
    },
    ...extra,
  };
}

describe('PyTorch results in the lab', () => {
  it('finds the experiment cell by its spec (backend aside), or by name for a scaled export', () => {
    expect(findExperimentCell(notebook, resultFile({ ...labSpec, backend: 'cpu' }), 'r.json')).toMatchObject({
      ok: true,
      cellId: 'planted',
    });
    const scaled = { ...labSpec, training: { ...labSpec.training, steps: 3000 } };
    expect(findExperimentCell(notebook, resultFile(scaled), 'r.json')).toMatchObject({
      ok: true,
      cellId: 'planted',
      spec: { training: { steps: 3000 } },
    });
  });

  it('names the experiment a result belongs to when the notebook lacks it', () => {
    const other = ExperimentSpec.parse({ name: 'Graphs', dataset: { kind: 'clrs-lite' }, model: { kind: 'gnn' } });
    const found = findExperimentCell(notebook, resultFile(other, { experiment: 'Graphs' }), 'big.json');
    expect(found).toEqual({
      ok: false,
      error: expect.stringMatching(
        /^big.json is a run of the experiment "Graphs" \(gnn on clrs-lite data\), which this notebook does not have/,
      ),
    });
  });

  it('turns the file into a finished run: step-major losses, results, affinity snapshot, PyTorch label', () => {
    const run = runRecordFromResult(resultFile(labSpec), 'planted', labSpec, 'r.json', 1000);
    expect(Array.from(run.losses.values)).toEqual([3, 6, 2, 5, 1, 4]);
    expect(run.result?.tasks[1]).toEqual({ name: 'b', trainLoss: 4, validationLoss: 4.5, validationScore: 0.25 });
    expect(run.snapshots[0]).toMatchObject({
      kind: 'affinity',
      method: 'cosine',
      numTasks: 2,
      matrix: new Float32Array([1, 0.5, 0.25, 1]),
    });
    expect(runBackendLabel(run)).toBe('PyTorch (NVIDIA H200, 2 processes)');
    expect(run.stepsPerSecond).toBe(1.5);
  });

  it('refuses newer formats, other files and broken histories with a message saying where', () => {
    expect(parseRunResult({ ...resultFile(labSpec), version: 2 }, 'r.json')).toEqual({
      ok: false,
      error: expect.stringMatching(/result format version 2, newer than this lab reads \(1\)/),
    });
    expect(parseRunResult({ tasks: [] }, 'x.json')).toEqual({
      ok: false,
      error: 'x.json is not a TaskLab result file (no "format": "tasklab-result")',
    });
    const broken = resultFile(labSpec, { history: { a: { loss: [1] }, b: { loss: [1, 2, 3] } } });
    expect(parseRunResult(broken, 'r.json')).toEqual({
      ok: false,
      error: 'r.json: history.a: needs 3 losses (one per step)',
    });
    expect(parseRunResult(resultFile(labSpec), 'r.json').ok).toBe(true);
  });
});
