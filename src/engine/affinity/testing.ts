// Tiny hand-built multitask models with known gradients, for the affinity sanity tests.
import * as tf from '@tensorflow/tfjs';
import type { MultitaskModel } from '../models/model.ts';
import { perTaskMse, perTaskR2 } from '../train/losses.ts';

let counter = 0;

/**
 * Shared linear trunk w ∈ R^D with fixed (non-trainable) scalar heads: prediction of task t is
 * heads[t] · xᵀw. ALGORITHMS §1.8 T2 uses heads of 1 and opposite targets.
 */
export function createLinearTrunkModel(weights: number[], heads: number[]): MultitaskModel {
  const w = tf.variable(tf.tensor2d(weights, [weights.length, 1]), true, `linearTrunk${counter++}/w`);
  const headRow = tf.tensor2d(heads, [1, heads.length]);
  const predict = (x: tf.Tensor) =>
    tf.tidy(() => tf.mul(tf.matMul(x as tf.Tensor2D, w as tf.Tensor2D), headRow) as tf.Tensor2D);
  return {
    numTasks: heads.length,
    shared: [w],
    heads: [],
    taskLosses: (batch) => tf.tidy(() => perTaskMse(predict(batch.x), batch.y as tf.Tensor2D)),
    scoreName: 'R²',
    taskScores: (batch) => tf.tidy(() => perTaskR2(predict(batch.x), batch.y as tf.Tensor2D)),
    dispose: () => tf.dispose([w, headRow]),
  };
}

/** A batch {x, y} from plain arrays. */
export function makeBatch(x: number[][], y: number[][]) {
  return { x: tf.tensor2d(x), y: tf.tensor2d(y) };
}
