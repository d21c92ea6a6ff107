import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { perTaskMse, perTaskR2 } from './losses.ts';

beforeAll(async () => {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
});

describe('masked per-task losses', () => {
  const predictions = tf.tensor2d([
    [1, 0],
    [2, 5],
    [3, 1],
  ]);
  const targets = tf.tensor2d([
    [0, 9],
    [2, 3],
    [5, 2],
  ]);

  it('without a mask is the plain per-task MSE', async () => {
    const mse = await perTaskMse(predictions, targets).data();
    expect(mse[0]).toBeCloseTo(5 / 3, 6);
    expect(mse[1]).toBeCloseTo((81 + 4 + 1) / 3, 5);
  });

  it('averages over present targets only, and gives 0 to a task with none', async () => {
    const mask = tf.tensor2d([
      [1, 0],
      [0, 1],
      [1, 0],
    ]);
    const mse = await perTaskMse(predictions, targets, mask).data();
    expect(mse[0]).toBeCloseTo((1 + 4) / 2, 6);
    expect(mse[1]).toBeCloseTo(4, 6);
    const none = await perTaskMse(
      predictions,
      targets,
      tf.tensor2d([
        [1, 0],
        [1, 0],
        [1, 0],
      ]),
    ).data();
    expect(none[1]).toBe(0);
  });

  it('computes R² against the variance of present targets', async () => {
    const mask = tf.tensor2d([
      [1, 1],
      [0, 1],
      [1, 1],
    ]);
    const r2 = await perTaskR2(predictions, targets, mask).data();
    // Task 0: targets 0 and 5 (variance 6.25), errors 1 and 4 (MSE 2.5).
    expect(r2[0]).toBeCloseTo(1 - 2.5 / 6.25, 5);
    const plain = await perTaskR2(predictions, targets).data();
    const unmasked = await perTaskR2(predictions, targets, tf.onesLike(targets) as tf.Tensor2D).data();
    expect(unmasked[1]).toBeCloseTo(plain[1], 5);
  });
});
