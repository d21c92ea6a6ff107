import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ModelSpec, type RunEvent } from '../../protocol/index.ts';
import { makeDataset } from '../data/index.ts';
import { runExperiment } from '../run.ts';
import { toDevice } from '../train/batches.ts';
import { createRng } from '../util/random.ts';
import { createModel } from './index.ts';
import type { GatedMultitaskModel } from './mmoe.ts';

beforeAll(async () => {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
});

const dataset = { kind: 'planted', numTasks: 4, numGroups: 2, inputDim: 8, numSamples: 512, noise: 0.1 } as const;
const model = {
  kind: 'ple',
  numLevels: 2,
  taskExperts: 1,
  sharedExperts: 2,
  expertHidden: 8,
  expertOutput: 8,
  towerHidden: 8,
} as const;

describe('PLE', () => {
  it('trains through runExperiment on planted data without leaking tensors', async () => {
    const first: number[] = [];
    let last: number[] = [];
    const emit = (event: RunEvent) => {
      if (event.type !== 'progress') return;
      if (first.length === 0) first.push(...event.losses.subarray(0, event.numTasks));
      last = Array.from(event.losses.subarray(event.losses.length - event.numTasks));
    };
    const before = tf.memory().numTensors;
    const done = await runExperiment(
      { seed: 3, dataset, model, training: { steps: 80, batchSize: 64, learningRate: 0.02 } },
      { emit, keepBackend: true },
    );
    expect(tf.memory().numTensors).toBe(before);
    const mean = (row: number[]) => row.reduce((a, b) => a + b, 0) / row.length;
    expect(mean(last)).toBeLessThan(0.5 * mean(first));
    for (const task of done.tasks) expect(task.validationScore).toBeGreaterThan(0.5);
  });

  it('task gates mix own + shared experts; parameters split into shared and per-task', () => {
    const data = makeDataset(dataset, 1);
    const device = toDevice(data);
    const ple = createModel(ModelSpec.parse(model), data, createRng(1)) as GatedMultitaskModel;
    const weights = ple.gateWeights(device.tensors);
    expect(weights.shape).toEqual([4, 512, 1 + 2]);
    const sums = tf.sum(weights, 2);
    expect(Math.max(...Array.from(sums.dataSync(), (v) => Math.abs(v - 1)))).toBeLessThan(1e-5);
    // Shared: 2 levels × 2 shared experts × 4 tensors + 1 shared gate (level 1 only).
    expect(ple.shared.length).toBe(2 * 4 + 1);
    // Heads: 2 levels × (task bank 4 tensors + task gates) + towers 4 tensors.
    expect(ple.heads.length).toBe(2 * 5 + 4);
    tf.dispose([weights, sums]);
    ple.dispose();
    device.dispose();
  });
});
