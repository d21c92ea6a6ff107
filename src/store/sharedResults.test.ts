import { describe, expect, it } from 'vitest';
import {
  decodeNotebookLink,
  defaultNotebook,
  encodeNotebookLink,
  parseNotebook,
  readNotebookFile,
  writeNotebookFile,
} from '../notebook/index.ts';
import { ExperimentSpec } from '../protocol/index.ts';
import type { RunRecord } from './runsSlice.ts';
import { takeResults, unpackRun, withResults } from './sharedResults.ts';

const notebook = defaultNotebook();
const cellId = notebook.cells.find((c) => c.kind === 'experiment')!.id;

/** 10 steps of 2 tasks: task 0's loss is the step number, task 1's is 100 + step. */
function finishedRun(id: string, createdAt: number, status: RunRecord['status'] = 'done'): RunRecord {
  const values = new Float32Array(20).map((_, i) => (i % 2 === 0 ? i / 2 : 100 + (i - 1) / 2));
  return {
    id,
    cellId,
    createdAt,
    status,
    name: 'Planted',
    spec: ExperimentSpec.parse({ seed: 3 }),
    backend: { backend: 'wasm', fallbacks: [] },
    info: { taskNames: ['a', 'b'], totalSteps: 10, numParams: 42, scoreName: 'R²' },
    losses: { numTasks: 2, numSteps: 10, values },
    stepsPerSecond: 5,
    snapshots: [
      {
        type: 'snapshot',
        kind: 'affinity',
        step: 9,
        method: 'lookahead',
        numTasks: 2,
        matrix: Float32Array.from([1, 0.123456, -0.5, 1]),
      },
    ],
    result: {
      type: 'done',
      stepsRun: 10,
      seconds: 1.5,
      stopped: false,
      tasks: [
        { name: 'a', trainLoss: 0.5, validationLoss: 0.61, validationScore: 0.7 },
        { name: 'b', trainLoss: 1, validationLoss: 1.2, validationScore: 0.3 },
      ],
    },
  };
}

describe('results saved with a notebook', () => {
  const runs = {
    old: finishedRun('old', 1),
    latest: finishedRun('latest', 2),
    failed: finishedRun('failed', 3, 'failed'),
  };

  it('keeps each experiment’s latest finished run, and its final numbers exactly, through a file', () => {
    const saved = withResults(notebook, runs, 2000);
    expect(saved.results?.map((r) => r.id)).toEqual(['latest']);
    const reopened = readNotebookFile(writeNotebookFile(saved));
    if (!reopened.ok) throw new Error(reopened.error);
    const run = unpackRun(reopened.notebook.results![0]);
    expect(run.result!.tasks).toEqual(runs.latest.result!.tasks);
    expect(run.info).toEqual(runs.latest.info);
    expect(Array.from(run.losses.values)).toEqual(Array.from(runs.latest.losses.values));
    expect(run).toMatchObject({ status: 'done', cellId, fromAuthor: { lossStride: 1 }, backend: { backend: 'wasm' } });
    expect(run.snapshots[0].kind === 'affinity' && Array.from(run.snapshots[0].matrix)).toEqual([
      1,
      Math.fround(0.1235),
      -0.5,
      1,
    ]);
  });

  it('averages long curves over blocks of steps and keeps the step axis', () => {
    const [shared] = withResults(notebook, runs, 4).results!;
    expect(shared.losses.stride).toBe(3); // 10 steps into ≤ 4 points
    // blocks of steps 0–2, 3–5, 6–8, 9: task 0 means 1, 4, 7, 9
    expect(shared.losses.values.filter((_, i) => i % 2 === 0)).toEqual([1, 4, 7, 9]);
    const run = unpackRun(shared);
    expect(run.losses.numSteps).toBe(10);
    expect(Array.from({ length: 10 }, (_, s) => run.losses.values[s * 2])).toEqual([1, 1, 1, 4, 4, 4, 7, 7, 7, 9]);
  });

  it('travels in a link, is refused when malformed, and opens as the author’s run', () => {
    const decoded = decodeNotebookLink(encodeNotebookLink(withResults(notebook, runs, 150)).hash);
    if (!decoded.ok) throw new Error(decoded.error);
    expect(decoded.notebook.results).toHaveLength(1);
    const broken = { ...decoded.notebook, results: [{ ...decoded.notebook.results![0], result: { stepsRun: 'ten' } }] };
    expect(parseNotebook(broken)).toMatchObject({ ok: false, error: expect.stringContaining('results.0.result') });

    const opened = takeResults(decoded.notebook, 'entry-1');
    expect(opened.notebook.results).toBeUndefined();
    expect(opened.authorRuns).toHaveLength(1);
    expect(opened.authorRuns[0]).toMatchObject({
      id: 'latest',
      notebookId: 'entry-1',
      fromAuthor: { lossStride: 1 },
      result: { stepsRun: 10 },
    });
    // A run of the same id already in this browser wins over the author's copy.
    expect(takeResults(decoded.notebook, 'entry-1', [runs.latest]).authorRuns).toEqual([]);
  });
});
