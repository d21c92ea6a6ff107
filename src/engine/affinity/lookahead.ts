// TAG lookahead affinity (Fifty et al. 2021; ALGORITHMS.md Part 1 §1):
// Z[i→j] = 1 − L_j(θ_s − η g_i, θ_j) / L_j(θ_s, θ_j) on the same batch, where g_i is task i's
// gradient w.r.t. the shared parameters only and the heads stay unchanged.
import * as tf from '@tensorflow/tfjs';
import type { MultitaskModel } from '../models/model.ts';
import type { TensorBatch } from '../train/batches.ts';
import { forwardReads, lossesWithOffset, replaying, snapshotValues, taskGradients } from './taskGradients.ts';

/** Clamp for the denominator: a saturated target loss would make the ratio explode. */
const MIN_LOSS = 1e-8;

/**
 * One lookahead measurement at the model's current parameters: [numTasks, numTasks],
 * row = source task i, column = target task j. Plain-SGD lookahead step (ALGORITHMS §1.2 step 2);
 * not divided by η. Cost: numTasks backward passes + numTasks forward passes (plus one). Async: each
 * lookahead forward's host reads (routed models) are answered at its own parameters.
 */
export async function lookaheadAffinity(
  model: MultitaskModel,
  batch: TensorBatch,
  learningRate: number,
): Promise<tf.Tensor2D> {
  const shared = model.shared;
  const at = replaying(model, await forwardReads(model, batch));
  const [before, steps] = tf.tidy((): [tf.Tensor1D, tf.Tensor[][]] => {
    const losses = at.taskLosses(batch);
    const grads = taskGradients(at, batch, shared);
    return [losses, grads.map((g) => g.map((t) => tf.mul(t, -learningRate)))];
  });
  const base = snapshotValues(shared);
  const after: tf.Tensor1D[] = [];
  try {
    for (const step of steps) after.push(await lossesWithOffset(model, shared, base, step, batch));
    return tf.tidy(() => tf.sub(1, tf.div(tf.stack(after), tf.maximum(before, MIN_LOSS))) as tf.Tensor2D);
  } finally {
    tf.dispose([before, ...steps.flat(), ...base, ...after]);
  }
}

/** First-order prediction of the lookahead (ALGORITHMS §1.8 T3): Z[i→j] ≈ η ⟨g_i, g_j⟩ / L_j. */
export function firstOrderLookahead(model: MultitaskModel, batch: TensorBatch, learningRate: number): tf.Tensor2D {
  return tf.tidy(() => {
    const before = model.taskLosses(batch);
    const grads = taskGradients(model, batch, model.shared);
    const flat = tf.stack(grads.map((g) => tf.concat(g.map((t) => tf.reshape(t, [-1]))))) as tf.Tensor2D;
    return tf.div(
      tf.mul(tf.matMul(flat, flat, false, true), learningRate),
      tf.maximum(before, MIN_LOSS),
    ) as tf.Tensor2D;
  });
}

/** (Z + Zᵀ)/2, for methods that need a symmetric similarity (spectral clustering, SDP). */
export function symmetrise(matrix: ArrayLike<number>, n: number): Float32Array {
  const out = new Float32Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[i * n + j] = (matrix[i * n + j] + matrix[j * n + i]) / 2;
  return out;
}
