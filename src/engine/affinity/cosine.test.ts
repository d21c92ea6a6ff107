import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng, normalArray } from '../util/random.ts';
import { conflicts, gradientCosine } from './cosine.ts';
import { createLinearTrunkModel, makeBatch } from './testing.ts';

beforeAll(async () => {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
});

function regressionBatch(seed: number, targets: (y: number) => number[]) {
  const rng = createRng(seed);
  const x = Array.from({ length: 32 }, () => Array.from(normalArray(rng, 3)));
  const y = x.map((row) => row[0] - 2 * row[1] + 0.5 * row[2]);
  return makeBatch(x, y.map(targets));
}

describe('gradient cosine similarity', () => {
  it('identical tasks have cosine 1', async () => {
    const model = createLinearTrunkModel([0.1, -0.2, 0.3], [1, 1]);
    const batch = regressionBatch(1, (y) => [y, y]);
    const c = await (await gradientCosine(model, batch)).array();
    expect(c[0][1]).toBeCloseTo(1, 5);
    expect(c[0][0]).toBeCloseTo(1, 5);
    tf.dispose(Object.values(batch));
    model.dispose();
  });

  it('label-negated tasks at zero prediction have cosine −1 and always conflict', async () => {
    const model = createLinearTrunkModel([0, 0, 0], [1, 1]);
    const batch = regressionBatch(2, (y) => [y, -y]);
    const c = await gradientCosine(model, batch);
    const values = await c.array();
    expect(values[0][1]).toBeCloseTo(-1, 5);
    expect(values[1][0]).toBeCloseTo(-1, 5);
    expect(await conflicts(c).array()).toEqual([
      [0, 1],
      [1, 0],
    ]);
    tf.dispose([c, ...Object.values(batch)]);
    model.dispose();
  });

  it('unrelated tasks with a known gradient pair give the hand-computed cosine', async () => {
    // One input feature per task: task 0 reads x0, task 1 reads x1, with orthogonal x0, x1.
    // At w = 0 the gradients are ∝ Σ x·y, i.e. (a, 0, 0) and (0, b, 0): cosine 0.
    const model = createLinearTrunkModel([0, 0, 0], [1, 1]);
    const x = [
      [1, 0, 0],
      [0, 1, 0],
      [-1, 0, 0],
      [0, -1, 0],
    ];
    const batch = makeBatch(x, [
      [1, 0],
      [0, 2],
      [-1, 0],
      [0, -2],
    ]);
    const c = await (await gradientCosine(model, batch)).array();
    expect(c[0][1]).toBeCloseTo(0, 6);
    tf.dispose(Object.values(batch));
    model.dispose();
  });
});
