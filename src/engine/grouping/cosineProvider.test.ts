import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ExperimentSpec } from '../../protocol/index.ts';
import { searchBranching } from './branching.ts';
import { createCosineProvider } from './cosineProvider.ts';

beforeAll(async () => {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
});

const spec = ExperimentSpec.parse({
  seed: 1,
  dataset: { kind: 'planted', numTasks: 6, numGroups: 2, inputDim: 8, numSamples: 512, noise: 0.1 },
  model: { kind: 'shared-bottom', hidden: [16] },
  training: { steps: 120, batchSize: 64, learningRate: 0.01 },
});

describe('gradient-cosine affinity provider', () => {
  it('gives a symmetric cosine matrix with unit diagonal, higher within planted groups, and frees its tensors', async () => {
    const before = tf.memory().numTensors;
    const affinity = createCosineProvider(spec, { depth: 2, batches: 4 });
    const tasks = [0, 1, 2, 3, 4, 5];
    const matrix = await affinity.provider(tasks, 1, [[tasks]]);
    let within = 0;
    let across = 0;
    for (let i = 0; i < 6; i++) {
      expect(matrix[i][i]).toBeCloseTo(1, 5);
      for (let j = 0; j < 6; j++) {
        expect(matrix[i][j]).toBeCloseTo(matrix[j][i], 5);
        expect(Math.abs(matrix[i][j])).toBeLessThanOrEqual(1 + 1e-6);
        if (i === j) continue;
        if (i % 2 === j % 2) within += matrix[i][j] / 12;
        else across += matrix[i][j] / 18;
      }
    }
    expect(within).toBeGreaterThan(across + 0.2);
    expect(affinity.passes()).toBe(4 * 6);
    affinity.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('drives the branching search to the planted groups at the first split', async () => {
    const affinity = createCosineProvider(spec, { depth: 2, batches: 4 });
    const result = await searchBranching(6, affinity.provider, { depth: 2, arity: 2 });
    affinity.dispose();
    const sorted = result.layers[1].map((g) => [...g].sort()).sort((a, b) => a[0] - b[0]);
    expect(sorted).toEqual([
      [0, 2, 4],
      [1, 3, 5],
    ]);
  });
});
