import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { balanceLoss, entropyLoss, importanceLoss, routerZLoss } from './auxLosses.ts';

beforeAll(async () => {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
});

const value = (t: tf.Scalar) => {
  const v = t.dataSync()[0];
  t.dispose();
  return v;
};

describe('auxiliary router losses (ALGORITHMS.md Part 2 §3.1)', () => {
  it('balance loss is α at uniform routing and α·E when everything goes to one expert', () => {
    const uniform = tf.fill([6, 4], 0.25) as tf.Tensor2D;
    expect(value(balanceLoss(uniform, new Float32Array([0.25, 0.25, 0.25, 0.25]), 0.01))).toBeCloseTo(0.01, 7);
    const collapsed = tf.tensor2d(Array.from({ length: 6 }, () => [1, 0, 0, 0]).flat(), [6, 4]);
    expect(value(balanceLoss(collapsed, new Float32Array([1, 0, 0, 0]), 0.01))).toBeCloseTo(0.04, 7);
    tf.dispose([uniform, collapsed]);
  });

  it('z-loss of zero logits over 8 experts is β·(ln 8)²', () => {
    const logits = tf.zeros([3, 8]) as tf.Tensor2D;
    expect(value(routerZLoss(logits, 0.001))).toBeCloseTo(0.001 * Math.log(8) ** 2, 7);
    logits.dispose();
  });

  it('entropy of uniform probabilities is ln E; importance CV² of [3, 1] is 0.25', () => {
    const uniform = tf.fill([2, 4], 0.25) as tf.Tensor2D;
    expect(value(entropyLoss(uniform, 1))).toBeCloseTo(Math.log(4), 5);
    const gates = tf.tensor2d([1, 0, 1, 0, 1, 1], [3, 2]); // column sums [3, 1]: mean 2, std 1
    expect(value(importanceLoss(gates, 1))).toBeCloseTo(0.25, 6);
    tf.dispose([uniform, gates]);
  });
});
