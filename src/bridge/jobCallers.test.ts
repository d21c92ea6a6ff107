// Each job kind moved onto the job runtime, against the fake job worker: the table import, the PyTorch
// export, the HoME categories and the heatmap's cluster order. For each: its progress lands in its
// jobs-slice record, Cancel terminates the worker and leaves the notebook untouched, and a failure
// reaches the person as a message naming what failed and where.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExperimentSpec } from '../protocol/index.ts';
import type { ParseTableJobResult } from '../protocol/jobs.ts';
import { FakeJobWorker } from '../testing/fakeJobWorker.ts';

vi.mock('./labWorker.ts', async () => {
  const { FakeJobWorker } = await import('../testing/fakeJobWorker.ts');
  return { startLabWorker: () => new FakeJobWorker() };
});

const { useLab } = await import('../store/index.ts');
const { jobKeys } = await import('../store/jobKeys.ts');
const { cancelImport, importFile } = await import('./tableImport.ts');
const { cancelPytorchExport, exportPytorchProject } = await import('./pytorchExport.ts');
const { cancelHomeCategories, categoriesFromSdpGroups } = await import('./homeCategories.ts');
const { clusterTasks, forgetClusterOrder } = await import('./clusterOrder.ts');

const worker = () => FakeJobWorker.last();
const jobOf = (key: string) => useLab.getState().jobs[key];
/** Lets the bridge's awaits before it posts the job (reading the file, resolving data) run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const preview = {
  name: 'big.csv',
  numRows: 2,
  columns: [{ name: 'x', type: 'number', missing: 0, distinct: 2 }],
  rows: [[1], [2]],
} as never;

beforeEach(() => {
  useLab.setState({ jobs: {}, dataImport: undefined });
  FakeJobWorker.given = [];
});

describe('table import on the job runtime', () => {
  const drop = async () => {
    const done = importFile(new File(['x\n1\n2\n'], 'big.csv'));
    await settle();
    return done;
  };

  it('sends the file (transferred), folds its progress into the record, then opens the preview', async () => {
    const done = drop();
    await settle();
    const sent = worker().sent.at(-1)!;
    expect(sent).toMatchObject({
      type: 'run',
      kind: 'parseTable',
      input: { source: { type: 'file', fileName: 'big.csv' } },
    });
    expect(worker().transferred.at(-1)).toHaveLength(1);
    expect(useLab.getState().dataImport).toMatchObject({ status: 'parsing', fileName: 'big.csv' });
    worker().reply({ type: 'progress', progress: { done: 3, total: 6, unit: 'characters' } });
    expect(jobOf(jobKeys.tableImport)).toMatchObject({
      status: 'running',
      subject: 'big.csv',
      live: { done: 3, total: 6, unit: 'characters' },
    });
    worker().reply({ type: 'result', result: { ok: true, preview } satisfies ParseTableJobResult });
    await done;
    expect(useLab.getState().dataImport).toMatchObject({ status: 'ready', preview });
    // The preview lives in the dialog's state only, not twice.
    expect(jobOf(jobKeys.tableImport)).toMatchObject({ status: 'done', result: undefined });
  });

  it('Cancel terminates the worker, closes the dialog and leaves the notebook as it was', async () => {
    const notebook = useLab.getState().notebook;
    const done = drop();
    await settle();
    worker().reply({ type: 'progress', progress: { done: 1, total: 6, unit: 'characters' } });
    cancelImport();
    await done;
    expect(worker().terminated).toBe(true);
    expect(useLab.getState().dataImport).toBeUndefined();
    expect(jobOf(jobKeys.tableImport)).toBeUndefined();
    expect(useLab.getState().notebook).toBe(notebook);
  });

  it('a crashed worker or an unreadable file says which file and what went wrong', async () => {
    const crashed = drop();
    await settle();
    worker().crash('out of memory');
    await crashed;
    expect(useLab.getState().dataImport).toMatchObject({
      status: 'failed',
      error: 'big.csv: The parseTable worker crashed: out of memory',
    });
    const bad = drop();
    await settle();
    worker().reply({ type: 'result', result: { ok: false, error: 'big.csv: row 2 has 3 fields, expected 1' } });
    await bad;
    expect(useLab.getState().dataImport).toMatchObject({
      status: 'failed',
      error: 'big.csv: row 2 has 3 fields, expected 1',
    });
  });
});

describe('PyTorch export on the job runtime', () => {
  const spec = { name: 'Planted', dataset: { kind: 'planted' } } as unknown as ExperimentSpec;
  const key = jobKeys.pytorchExport('cell-1');

  it('folds its progress and hands the zip to the caller only', async () => {
    const done = exportPytorchProject('cell-1', spec);
    await settle();
    expect(worker().sent.at(-1)).toMatchObject({ kind: 'exportProject', input: { spec } });
    worker().reply({ type: 'progress', progress: { stage: 'zipping', done: 2, total: 5 } });
    expect(jobOf(key)).toMatchObject({ status: 'running', live: { stage: 'zipping', done: 2, total: 5 } });
    const zip = new Uint8Array([80, 75]);
    worker().reply({ type: 'result', result: { fileName: 'planted-pytorch.zip', zip } });
    expect(await done).toEqual({ fileName: 'planted-pytorch.zip', zip });
    expect(jobOf(key)).toMatchObject({ status: 'done', result: undefined });
  });

  it('Cancel terminates the worker and the cell returns to its button', async () => {
    const done = exportPytorchProject('cell-1', spec);
    await settle();
    cancelPytorchExport('cell-1');
    expect(await done).toBeUndefined();
    expect(worker().terminated).toBe(true);
    expect(jobOf(key)).toBeUndefined();
  });

  it('a failure names the experiment and the job’s own message (the dataset and file)', async () => {
    const done = exportPytorchProject('cell-1', spec);
    await settle();
    worker().reply({ type: 'error', message: 'dataset "big": big.csv: row 4 has 2 fields, expected 3' });
    expect(await done).toBeUndefined();
    expect(jobOf(key)).toMatchObject({
      status: 'failed',
      error: 'Export to PyTorch of "Planted" failed: dataset "big": big.csv: row 4 has 2 fields, expected 3',
    });
  });
});

describe('HoME categories on the job runtime', () => {
  const homeSpec = {
    name: 'HoME',
    dataset: { kind: 'planted', numTasks: 2 },
    model: { kind: 'home', hierarchyMask: false },
  } as unknown as ExperimentSpec;
  const key = jobKeys.homeCategories('home');
  const setUp = () =>
    useLab.setState({
      notebookId: 'nb',
      notebook: { ...useLab.getState().notebook, cells: [{ id: 'home', kind: 'experiment', spec: homeSpec }] },
      runs: {
        r1: {
          id: 'r1',
          cellId: 'home',
          notebookId: 'nb',
          name: 'run 1',
          createdAt: 1,
          spec: homeSpec,
          snapshots: [
            {
              type: 'snapshot',
              kind: 'affinity',
              step: 1,
              method: 'lookahead',
              numTasks: 2,
              matrix: new Float32Array(4),
            },
          ],
          info: { taskNames: ['a', 'b'] },
        },
      } as never,
    });

  it('groups by the run’s affinity and writes the categories into the cell', async () => {
    setUp();
    const done = categoriesFromSdpGroups('home', homeSpec, 2);
    expect(worker().sent.at(-1)).toMatchObject({ kind: 'group', input: { k: 2, method: 'sdp' } });
    expect(jobOf(key)).toMatchObject({ status: 'running', subject: 'run 1' });
    worker().reply({ type: 'result', result: { assignment: [1, 0], groups: [[1], [0]], objective: 1, seconds: 0 } });
    expect(await done).toMatch(/^2 categories from the SDP groups of "run 1"'s lookahead affinity: \{b\}, \{a\}/);
    const cell = useLab.getState().notebook.cells[0];
    expect(cell.kind === 'experiment' && cell.spec.model).toMatchObject({ hierarchyMask: true, categories: [1, 0] });
  });

  it('Cancel terminates the worker and leaves the cell as it was; a failure names the run and k', async () => {
    setUp();
    const notebook = useLab.getState().notebook;
    const cancelled = categoriesFromSdpGroups('home', homeSpec, 2);
    cancelHomeCategories('home');
    expect(await cancelled).toBeUndefined();
    expect(worker().terminated).toBe(true);
    expect(useLab.getState().notebook).toBe(notebook);
    expect(jobOf(key)).toBeUndefined();

    const failed = categoriesFromSdpGroups('home', homeSpec, 2);
    worker().reply({ type: 'error', message: 'the SDP solver did not converge' });
    expect(await failed).toBeUndefined();
    expect(jobOf(key)?.error).toBe(
      'Grouping the tasks by "run 1"\'s lookahead affinity into 2 groups failed: the SDP solver did not converge',
    );
    expect(useLab.getState().notebook).toBe(notebook);
  });
});

describe('cluster order on the job runtime', () => {
  const similarity = [
    [0, 1],
    [1, 0],
  ];
  const key = jobKeys.clusterOrder('view-1');
  const groups = { assignment: [0, 0], groups: [[0, 1]], objective: 1, seconds: 0 };

  it('a newer matrix replaces a job still running; the view going away stops it and drops its record', async () => {
    const older = clusterTasks('view-1', similarity);
    const first = worker();
    expect(first.sent.at(-1)).toMatchObject({ kind: 'group', input: { k: 'auto', method: 'spectral' } });
    const newer = clusterTasks('view-1', similarity);
    expect(first.terminated).toBe(true);
    expect(await older).toBeUndefined();
    worker().reply({ type: 'result', result: groups });
    expect(await newer).toEqual(groups);
    expect(jobOf(key)).toMatchObject({ status: 'done', result: undefined });

    const last = clusterTasks('view-1', similarity);
    forgetClusterOrder('view-1');
    expect(await last).toBeUndefined();
    expect(worker().terminated).toBe(true);
    expect(jobOf(key)).toBeUndefined();
  });

  it('keeps a failure in the record for the view to show', async () => {
    const done = clusterTasks('view-1', similarity);
    worker().reply({ type: 'error', message: 'matrix is not square' });
    expect(await done).toBeUndefined();
    expect(jobOf(key)).toMatchObject({ status: 'failed', error: 'matrix is not square' });
  });
});
