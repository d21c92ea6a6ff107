import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExperimentSpecInput, ProgressEvent, RunEvent } from '../protocol/index.ts';
import { makeDataset } from './data/index.ts';
import { splitDataset } from './data/dataset.ts';
import { createModel } from './models/index.ts';
import { runExperiment } from './run.ts';
import { RunError } from './runError.ts';
import { useCpuBackend } from './testing/setup.ts';
import { createBatchSampler, gatherBatch, toDevice } from './train/batches.ts';
import { createTrainer } from './train/trainer.ts';
import { createRng } from './util/random.ts';
import { parseSpec } from '../protocol/index.ts';

const small: ExperimentSpecInput = {
  seed: 3,
  backend: 'cpu',
  dataset: { kind: 'planted', numTasks: 4, numGroups: 2, inputDim: 8, numSamples: 512 },
  model: { kind: 'shared-bottom', hidden: [32, 32] },
  training: { steps: 150, batchSize: 64, learningRate: 0.01 },
};

async function collect(spec: unknown, options: { signal?: AbortSignal } = {}) {
  const events: RunEvent[] = [];
  const done = await runExperiment(spec, { emit: (e) => events.push(e), keepBackend: true, ...options });
  const progress = events.filter((e): e is ProgressEvent => e.type === 'progress');
  const numTasks = progress[0]?.numTasks ?? 0;
  const losses = progress.flatMap((p) => Array.from(p.losses));
  const perTask = (t: number) => losses.filter((_, i) => i % numTasks === t);
  return { events, done, progress, perTask, numTasks };
}

beforeAll(useCpuBackend);

describe('runExperiment', () => {
  it('lowers every task’s loss and reports every step once', async () => {
    const { done, progress, perTask, numTasks, events } = await collect(small);
    expect(events[0]).toMatchObject({
      type: 'started',
      taskNames: ['task0', 'task1', 'task2', 'task3'],
      plantedGroups: [0, 1, 0, 1],
    });
    expect(progress.reduce((n, p) => n + p.numSteps, 0)).toBe(150);
    expect(numTasks).toBe(4);
    for (let t = 0; t < 4; t++) {
      const curve = perTask(t);
      const early = curve.slice(0, 10).reduce((a, b) => a + b) / 10;
      const late = curve.slice(-10).reduce((a, b) => a + b) / 10;
      expect(late).toBeLessThan(0.5 * early);
    }
    expect(done).toMatchObject({ type: 'done', stepsRun: 150, stopped: false });
    for (const task of done.tasks) expect(task.validationScore).toBeGreaterThan(0.3);
    expect(events.at(-1)?.type).toBe('done');
  });

  it('gives the same numbers for the same spec and seed, and different ones for another seed', async () => {
    const a = await collect(small);
    const b = await collect(small);
    const c = await collect({ ...small, seed: 4 });
    expect(a.perTask(0)).toEqual(b.perTask(0));
    expect(a.done.tasks).toEqual(b.done.tasks);
    expect(a.perTask(0)).not.toEqual(c.perTask(0));
  });

  it('leaves no tensors behind', async () => {
    const before = tf.memory().numTensors;
    await collect(small);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops between steps when aborted and says so', async () => {
    const controller = new AbortController();
    const events: RunEvent[] = [];
    const done = await runExperiment(
      { ...small, training: { ...small.training, steps: 100_000 } },
      {
        keepBackend: true,
        signal: controller.signal,
        emit: (e) => {
          events.push(e);
          if (e.type === 'progress') controller.abort();
        },
      },
    );
    expect(done.stopped).toBe(true);
    expect(done.stepsRun).toBeLessThan(100_000);
  });

  it('rejects an invalid spec before anything runs, naming the field', async () => {
    const events: RunEvent[] = [];
    await expect(runExperiment({ training: { batchSize: 0 } }, { emit: (e) => events.push(e) })).rejects.toThrow(
      /training\.batchSize/,
    );
    expect(events).toEqual([]);
  });

  it('stops a diverging run with a message naming the task and step', async () => {
    const diverging = { ...small, training: { steps: 200, learningRate: 10, optimizer: 'sgd' } };
    const error = await collect(diverging).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunError);
    expect((error as Error).message).toMatch(/loss of task "task\d" became (NaN|Infinity|-Infinity) at step \d+/);
  });
});

describe('trainer', () => {
  it('keeps tf.memory().numTensors flat over 200 steps', () => {
    const spec = parseSpec(small);
    if (!spec.ok) throw new Error('bad spec');
    const data = makeDataset(spec.spec.dataset, 1);
    const model = createModel(spec.spec.model, data, createRng(1));
    const trainer = createTrainer(model, spec.spec.training);
    const device = toDevice(splitDataset(data, 0.2).train);
    const next = createBatchSampler(device.size, 32, createRng(2));
    const step = () => {
      const batch = gatherBatch(device, next());
      tf.dispose([trainer.step(batch), ...Object.values(batch)]);
    };
    step(); // the optimiser creates its slot variables on the first step
    const before = tf.memory().numTensors;
    for (let i = 0; i < 200; i++) step();
    expect(tf.memory().numTensors).toBe(before);
    trainer.dispose();
    device.dispose();
    model.dispose();
  });
});
