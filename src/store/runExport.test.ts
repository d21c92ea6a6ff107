import { describe, expect, it } from 'vitest';
import { ExperimentSpec } from '../protocol/index.ts';
import { runFileName, runMetricsCsv, runMetricsJson } from './runExport.ts';
import type { RunRecord } from './runsSlice.ts';

const run: RunRecord = {
  id: 'r1',
  cellId: 'c1',
  name: 'cars, "mpg"',
  createdAt: Date.UTC(2026, 0, 2, 3, 4, 5),
  spec: ExperimentSpec.parse({ seed: 7 }),
  status: 'done',
  info: { taskNames: ['a', 'b,c'], totalSteps: 2, numParams: 10, scoreName: 'R²' },
  // Step-major with spare capacity: step 0 = [1, 2], step 1 = [3, NaN]; the 9s are unused.
  losses: { numTasks: 2, numSteps: 2, values: new Float32Array([1, 2, 3, NaN, 9, 9]) },
  stepsPerSecond: 10,
  snapshots: [
    {
      type: 'snapshot',
      kind: 'affinity',
      step: 1,
      method: 'cosine',
      numTasks: 2,
      matrix: new Float32Array([1, 0.5, 0.25, 1]),
    },
  ],
  result: {
    type: 'done',
    stepsRun: 2,
    seconds: 0.5,
    stopped: false,
    tasks: [{ name: 'a', trainLoss: 0.5, validationLoss: 0.75, validationScore: 0.25 }],
  },
};

describe('run exports', () => {
  it('JSON holds every step per task, the results and the snapshots', () => {
    const json = JSON.parse(runMetricsJson(run));
    expect(json.trainLoss).toEqual({ a: [1, 3], 'b,c': [2, null] });
    expect(json.steps).toBe(2);
    expect(json.createdAt).toBe('2026-01-02T03:04:05.000Z');
    expect(json.spec.seed).toBe(7);
    expect(json.result.tasks[0].validationLoss).toBe(0.75);
    expect(json.snapshots[0].matrix).toEqual([1, 0.5, 0.25, 1]);
  });

  it('CSV is long format with quoted task names and the final metrics', () => {
    expect(runMetricsCsv(run).trim().split('\n')).toEqual([
      'metric,step,task,value',
      'train_loss,0,a,1',
      'train_loss,0,"b,c",2',
      'train_loss,1,a,3',
      'train_loss,1,"b,c",',
      'final_train_loss,2,a,0.5',
      'validation_loss,2,a,0.75',
      'validation_score,2,a,0.25',
    ]);
  });

  it('CSV neutralises task names a spreadsheet would run as formulas', () => {
    const hostile = {
      ...run,
      info: { ...run.info!, taskNames: ['=HYPERLINK("http://evil","x")', '@SUM(1)'] },
      result: undefined,
    };
    const lines = runMetricsCsv(hostile).trim().split('\n');
    expect(lines[1]).toBe(`train_loss,0,"'=HYPERLINK(""http://evil"",""x"")",1`);
    expect(lines[2]).toBe("train_loss,0,'@SUM(1),2");
  });

  it('names files after the run and seed', () => {
    expect(runFileName(run, 'csv')).toBe('cars-mpg-seed7.csv');
  });
});
