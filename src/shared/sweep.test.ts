import { describe, expect, it } from 'vitest';
import { ExperimentSpec } from '../protocol/index.ts';
import { expandSweep, runMetric, summariseSweep, sweepCsv } from './sweep.ts';

const base = ExperimentSpec.parse({ seed: 7 });

describe('expandSweep', () => {
  it('makes one run per value and seed: 3 seeds × 2 learning rates = 6', () => {
    const result = expandSweep(base, { seeds: 3, axes: [{ path: 'training.learningRate', values: [0.01, 0.1] }] });
    if (!result.ok) throw new Error(result.error);
    expect(result.runs.map((r) => [r.values[0], r.seed])).toEqual([
      [0.01, 7],
      [0.01, 8],
      [0.01, 9],
      [0.1, 7],
      [0.1, 8],
      [0.1, 9],
    ]);
    expect(result.runs.map((r) => [r.spec.training.learningRate, r.spec.seed])).toEqual(
      result.runs.map((r) => [r.values[0], r.seed]),
    );
    // everything else is the experiment's own setting
    expect(result.runs[5].spec.training.steps).toBe(base.training.steps);
    expect(result.runs[0].spec.name).toContain('learningRate=0.01 · seed 7');
  });

  it('crosses two settings, and seeds alone need no axis', () => {
    const grid = expandSweep(base, {
      seeds: 1,
      axes: [
        { path: 'training.optimizer', values: ['adam', 'sgd'] },
        { path: 'dataset.noise', values: [0, 0.5, 1] },
      ],
    });
    expect(grid.ok && grid.runs.map((r) => r.values)).toEqual([
      ['adam', 0],
      ['adam', 0.5],
      ['adam', 1],
      ['sgd', 0],
      ['sgd', 0.5],
      ['sgd', 1],
    ]);
    const seeds = expandSweep(base, { seeds: 4, axes: [] });
    expect(seeds.ok && seeds.runs.map((r) => r.seed)).toEqual([7, 8, 9, 10]);
  });

  it('names the setting whose spec is invalid', () => {
    const result = expandSweep(base, { seeds: 2, axes: [{ path: 'training.learningRate', values: [0.01, -1] }] });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/^learningRate=-1: training\.learningRate/);
  });
});

describe('summariseSweep', () => {
  it('gives each combination the mean and sample std of its seeds, by hand', () => {
    const axes = [{ path: 'training.learningRate', values: [0.01, 0.1] }];
    const rows = summariseSweep(axes, [
      { values: [0.01], seed: 1, value: 0.5 },
      { values: [0.01], seed: 2, value: 0.7 },
      { values: [0.01], seed: 3, value: 0.9 },
      { values: [0.1], seed: 1, value: 0.2 },
      { values: [0.1], seed: 2, value: 0.4 },
      { values: [0.1], seed: 3, value: 0.3 },
    ]);
    expect(rows[0].mean).toBeCloseTo(0.7);
    expect(rows[0].std).toBeCloseTo(0.2); // deviations ±0.2, 0 → sqrt(0.08 / 2)
    expect(rows[1].mean).toBeCloseTo(0.3);
    expect(rows[1].std).toBeCloseTo(0.1);
    expect(rows.map((r) => r.runs.length)).toEqual([3, 3]);
    const csv = sweepCsv(axes, 'validationScore', rows).split('\n');
    expect(csv[0]).toBe('training.learningRate,seed,statistic,validationScore');
    expect(csv).toContain('0.01,2,run,0.7');
    expect(csv.find((l) => l.startsWith('0.1,,mean'))).toMatch(/^0\.1,,mean,0\.3/);
  });

  it('leaves a combination without finished runs empty, and averages a run over its tasks', () => {
    const rows = summariseSweep(
      [{ path: 'model.activation', values: ['relu', 'tanh'] }],
      [{ values: ['relu'], seed: 1, value: 1 }],
    );
    expect(rows[1].runs).toEqual([]);
    expect(rows[1].mean).toBeNaN();
    const tasks = [
      { name: 'a', trainLoss: 0, validationLoss: 1, validationScore: 0.2 },
      { name: 'b', trainLoss: 0, validationLoss: 3, validationScore: 0.6 },
    ];
    expect(runMetric(tasks, 'validationLoss')).toBe(2);
    expect(runMetric(tasks, 'validationScore')).toBeCloseTo(0.4);
  });
});
