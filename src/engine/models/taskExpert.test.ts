import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ModelSpec, type RunEvent } from '../../protocol/index.ts';
import { makeDataset } from '../data/index.ts';
import { runExperiment } from '../run.ts';
import { toDevice } from '../train/batches.ts';
import { createRng } from '../util/random.ts';
import { createModel } from './index.ts';

beforeAll(async () => {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
});

const dataset = { kind: 'planted', numTasks: 3, numGroups: 2, inputDim: 6, numSamples: 256, noise: 0.1 } as const;
const model = {
  kind: 'task-expert',
  numLayers: 2,
  numExperts: 3,
  width: 12,
  expertHidden: 12,
  towerHidden: 8,
} as const;

describe('TaskExpert', () => {
  it('the memory path changes the output: with the same initial weights, switching it off changes the loss', () => {
    const data = makeDataset(dataset, 1);
    const device = toDevice(data);
    const loss = (memory: boolean) => {
      // Same seed ⇒ same initial weights; only the memory switch differs.
      const m = createModel(ModelSpec.parse({ ...model, memory }), data, createRng(5));
      const value = tf.tidy(() => tf.sum(m.taskLosses(device.tensors)).dataSync()[0]);
      m.dispose();
      return value;
    };
    const withMemory = loss(true);
    const without = loss(false);
    expect(Number.isFinite(withMemory) && Number.isFinite(without)).toBe(true);
    expect(Math.abs(withMemory - without)).toBeGreaterThan(1e-3 * without);
    device.dispose();
  });

  for (const memory of [true, false]) {
    it(`trains through runExperiment (memory ${memory ? 'on' : 'off'}) and reports expert health`, async () => {
      const losses: number[] = [];
      let health: RunEvent | undefined;
      const before = tf.memory().numTensors;
      const done = await runExperiment(
        { seed: 2, dataset, model: { ...model, memory }, training: { steps: 60, batchSize: 64, learningRate: 0.01 } },
        {
          keepBackend: true,
          emit: (e) => {
            if (e.type === 'progress')
              for (let s = 0; s < e.numSteps; s++)
                losses.push(e.losses.subarray(s * e.numTasks, (s + 1) * e.numTasks).reduce((a, b) => a + b, 0));
            if (e.type === 'snapshot' && e.kind === 'health') health = e;
          },
        },
      );
      expect(tf.memory().numTensors).toBe(before);
      expect(losses[losses.length - 1]).toBeLessThan(0.6 * losses[0]);
      for (const task of done.tasks) expect(task.validationScore).toBeGreaterThan(0.3);
      expect(health && health.type === 'snapshot' && health.kind === 'health' && health.layers[0].expertNames).toEqual([
        'e0',
        'e1',
        'e2',
        'task0 memory',
        'task1 memory',
        'task2 memory',
      ]);
    });
  }
});
