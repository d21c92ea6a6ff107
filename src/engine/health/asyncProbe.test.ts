// The health probe reads experts back asynchronously: HoME's and TaskExpert's expertActivity make no
// synchronous read from the backend (WebGPU cannot do one), and still return the full arrays.
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeDataset } from '../data/index.ts';
import { createModel } from '../models/index.ts';
import { toDevice } from '../train/batches.ts';
import { createRng } from '../util/random.ts';
import { ModelSpec } from '../../protocol/index.ts';
import { isHealthModel } from './healthModel.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterEach(() => vi.restoreAllMocks());

const data = makeDataset(
  { kind: 'planted', numTasks: 3, numGroups: 2, inputDim: 4, numSamples: 32, noise: 0.1 } as never,
  1,
);

describe('expert-health probe reads', () => {
  for (const model of [
    { kind: 'home', categories: [0, 1, 0], expertHidden: 4, expertOutput: 4, towerHidden: 4 },
    { kind: 'task-expert', numLayers: 2, numExperts: 2, width: 4, expertHidden: 4, towerHidden: 4 },
  ]) {
    it(`${model.kind}: no synchronous read, all values arrive`, async () => {
      const m = createModel(ModelSpec.parse(model), data, createRng(3));
      if (!isHealthModel(m)) throw new Error(`${model.kind} should report expert health`);
      const device = toDevice(data);
      // The cpu backend serves async reads from its sync ones, so the check is on the tensors' sync API.
      const readSync = vi.spyOn(tf.Tensor.prototype, 'dataSync');
      const arraySync = vi.spyOn(tf.Tensor.prototype, 'arraySync');
      const before = tf.memory().numTensors;
      const [layer] = await m.expertActivity(device.tensors);
      expect(readSync).not.toHaveBeenCalled();
      expect(arraySync).not.toHaveBeenCalled();
      expect(tf.memory().numTensors).toBe(before);
      expect(layer.gateWeights.length).toBeGreaterThan(0);
      expect(layer.hidden.length % layer.expertNames.length).toBe(0);
      expect(Array.from(layer.outputs).every(Number.isFinite)).toBe(true);
      device.dispose();
      m.dispose();
    });
  }
});
