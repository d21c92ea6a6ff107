import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ExperimentSpec, type RunEvent } from '../../../protocol/index.ts';
import { runExperiment } from '../../run.ts';
import { parseDelimited } from './delimited.ts';

beforeAll(async () => {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
});

const tiny = { hidden: [8], activation: 'relu' } as const;

async function run(spec: unknown, tables?: Parameters<typeof runExperiment>[1]['tables']) {
  const events: RunEvent[] = [];
  const done = await runExperiment(spec, { emit: (e) => events.push(e), keepBackend: true, tables });
  const losses = events.flatMap((e) => (e.type === 'progress' ? Array.from(e.losses) : []));
  const started = events.find((e) => e.type === 'started');
  return { done, losses, taskNames: started?.type === 'started' ? started.taskNames : [] };
}

describe('experiments on tables', () => {
  it('trains on a built-in table by name, reproducibly, without leaking tensors', async () => {
    const spec = {
      seed: 2,
      dataset: {
        kind: 'table',
        table: 'cars',
        inputs: ['Cylinders', 'Displacement', 'Weight_in_lbs', 'Origin'],
        targets: ['Miles_per_Gallon', 'Horsepower'],
      },
      model: { kind: 'shared-bottom', ...tiny },
      training: { steps: 40, batchSize: 32, learningRate: 0.01 },
    };
    const before = tf.memory().numTensors;
    const first = await run(spec);
    const second = await run(spec);
    expect(tf.memory().numTensors).toBe(before);
    expect(first.taskNames).toEqual(['Miles_per_Gallon', 'Horsepower']);
    expect(first.done.tasks.every((t) => Number.isFinite(t.validationLoss))).toBe(true);
    // Targets are z-scored, so an untrained net starts near loss 1; training must beat a constant.
    expect(first.done.tasks[0].validationScore).toBeGreaterThan(0.3);
    expect(second.losses).toEqual(first.losses);
  });

  it('trains on inline rows and on a table supplied by name', async () => {
    const rows = Array.from({ length: 64 }, (_, i) => [
      i / 10,
      (i % 7) / 3,
      2 * (i / 10) + 1,
      i % 2 ? null : -(i / 10),
    ]);
    const inline = ExperimentSpec.parse({
      dataset: {
        kind: 'table',
        table: { columns: ['a', 'b', 'y1', 'y2'], rows },
        inputs: ['a', 'b'],
        targets: ['y1', 'y2'],
      },
      model: { kind: 'shared-bottom', ...tiny },
      training: { steps: 5 },
    });
    expect((await run(inline)).done.tasks.map((t) => t.name)).toEqual(['y1', 'y2']);
    const csv = parseDelimited('a,b,y\n1,2,3\n4,5,6\n7,8,9\n2,4,1\n5,3,0\n', { name: 'mine.csv' });
    if (!csv.ok) throw new Error(csv.error);
    const named = { ...inline, dataset: { kind: 'table', table: 'mine.csv', inputs: ['a', 'b'], targets: ['y'] } };
    expect((await run(named, { 'mine.csv': csv.table })).done.stepsRun).toBe(5);
  });

  it('rejects unknown tables and bad roles with a message naming them', async () => {
    const spec = { dataset: { kind: 'table', table: 'nope', inputs: ['a'], targets: ['b'] }, training: { steps: 1 } };
    await expect(run(spec)).rejects.toThrow('no table named "nope"; known tables: "cars", "penguins"');
    const badRole = {
      ...spec,
      dataset: { ...spec.dataset, table: 'penguins', inputs: ['Island'], targets: ['Species'] },
    };
    await expect(run(badRole)).rejects.toThrow(
      'penguins: target column "Species" holds text (row 1: "Adelie"); targets must be numeric',
    );
    // Too few rows to hold one back for validation: its loss would silently be the training loss.
    const three = parseDelimited('a,y\n1,2\n3,4\n5,7\n', { name: 'three.csv' });
    if (!three.ok) throw new Error(three.error);
    const small = { ...spec, dataset: { kind: 'table', table: 'three.csv', inputs: ['a'], targets: ['y'] } };
    await expect(run(small, { 'three.csv': three.table })).rejects.toThrow(
      'three.csv: only 3 usable row(s), so none is left for validation (fraction 0.2); at least 5 rows are needed',
    );
  });
});
