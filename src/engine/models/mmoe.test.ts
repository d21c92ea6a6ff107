import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ModelSpec, TrainingSpec, type ExperimentSpecInput, type RunEvent } from '../../protocol/index.ts';
import { makeDataset } from '../data/index.ts';
import { runExperiment } from '../run.ts';
import { createBatchSampler, gatherBatch, toDevice } from '../train/batches.ts';
import { createTrainer } from '../train/trainer.ts';
import { createRng } from '../util/random.ts';
import { createModel } from './index.ts';
import type { GatedMultitaskModel } from './mmoe.ts';

beforeAll(async () => {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
});

const dataset = { kind: 'planted', numTasks: 4, numGroups: 2, inputDim: 8, numSamples: 512, noise: 0.1 } as const;
const MODELS: Record<string, ExperimentSpecInput['model']> = {
  mmoe: { kind: 'mmoe', numExperts: 4, expertHidden: 16, expertOutput: 8, towerHidden: 8 },
  'mmoe top-2': { kind: 'mmoe', numExperts: 4, gate: 'topk', k: 2, expertHidden: 16, expertOutput: 8, towerHidden: 8 },
};

describe('MMoE', () => {
  for (const [name, model] of Object.entries(MODELS)) {
    it(`${name} trains through runExperiment on planted data`, async () => {
      const losses: number[][] = [];
      const emit = (event: RunEvent) => {
        if (event.type !== 'progress') return;
        for (let s = 0; s < event.numSteps; s++)
          losses.push(Array.from(event.losses.subarray(s * event.numTasks, (s + 1) * event.numTasks)));
      };
      const before = tf.memory().numTensors;
      const done = await runExperiment(
        { seed: 3, dataset, model, training: { steps: 80, batchSize: 64, learningRate: 0.02 } },
        { emit, keepBackend: true },
      );
      expect(tf.memory().numTensors).toBe(before);
      expect(done.stepsRun).toBe(80);
      const mean = (row: number[]) => row.reduce((a, b) => a + b, 0) / row.length;
      expect(mean(losses[losses.length - 1])).toBeLessThan(0.5 * mean(losses[0]));
      // Planted tasks are learnable: every task explains most of its validation variance.
      for (const task of done.tasks) expect(task.validationScore).toBeGreaterThan(0.5);
    });
  }

  it('aux loss enters training; per-task losses stay separate; no tensors leak per step', () => {
    const data = makeDataset(dataset, 1);
    const device = toDevice(data);
    const next = createBatchSampler(device.size, 32, createRng(2));
    const auxOf = (balanceWeight: number, zLossWeight: number) => {
      const spec = ModelSpec.parse({ ...MODELS.mmoe, balanceWeight, zLossWeight });
      const model = createModel(spec, data, createRng(1));
      const trainer = createTrainer(
        model,
        TrainingSpec.parse({ steps: 1, batchSize: 32, learningRate: 0.01, optimizer: 'adam', validationFraction: 0 }),
      );
      const values: number[] = [];
      let afterFirst = 0;
      for (let s = 0; s < 5; s++) {
        const batch = gatherBatch(device, next());
        const taskLosses = trainer.step(batch);
        expect(taskLosses.shape).toEqual([4]);
        values.push(trainer.lastAuxLoss()!.dataSync()[0]);
        tf.dispose([taskLosses, ...Object.values(batch)]);
        if (s === 0) afterFirst = tf.memory().numTensors;
      }
      expect(tf.memory().numTensors).toBe(afterFirst);
      trainer.dispose();
      model.dispose();
      return values;
    };
    const none = auxOf(0, 0);
    expect(none.every((v) => v === 0)).toBe(true);
    const some = auxOf(0.01, 0.001);
    // Balance ≥ α at its minimum (one gate per task, averaged), z-loss > 0.
    expect(some.every((v) => v > 0.01)).toBe(true);
    device.dispose();
  });

  it('gates are distributions; top-k gates keep exactly k experts per sample', () => {
    const data = makeDataset(dataset, 1);
    const device = toDevice(data);
    for (const [name, k] of [
      ['mmoe', 4],
      ['mmoe top-2', 2],
    ] as const) {
      const model = createModel(ModelSpec.parse(MODELS[name]), data, createRng(1)) as GatedMultitaskModel;
      const weights = model.gateWeights(device.tensors);
      expect(weights.shape).toEqual([4, 512, 4]);
      const values = weights.dataSync();
      for (let row = 0; row < 4 * 512; row++) {
        const gate = Array.from(values.subarray(row * 4, row * 4 + 4));
        expect(gate.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
        expect(gate.filter((g) => g > 0).length).toBe(k);
      }
      weights.dispose();
      model.dispose();
    }
    device.dispose();
  });
});
