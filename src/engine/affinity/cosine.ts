// Gradient cosine similarity between tasks (ALGORITHMS.md Part 1 §2):
// C[i,j] = ⟨g_i, g_j⟩ / (‖g_i‖‖g_j‖ + ε) over the shared parameters; C < 0 is a conflict (PCGrad).
import * as tf from '@tensorflow/tfjs';
import type { MultitaskModel } from '../models/model.ts';
import type { TensorBatch } from '../train/batches.ts';
import { forwardReads, replaying, taskGradients } from './taskGradients.ts';

const EPSILON = 1e-12;

export interface CosineOptions {
  /** Official TAG CelebA baseline uses only kernels (rank > 1), not biases; true by default. */
  kernelsOnly?: boolean;
}

/** Shared variables the cosine is taken over. Falls back to all shared ones if no kernel exists. */
export function cosineVariables(model: MultitaskModel, options: CosineOptions = {}): tf.Variable[] {
  if (options.kernelsOnly === false) return model.shared;
  const kernels = model.shared.filter((v) => v.rank > 1);
  return kernels.length > 0 ? kernels : model.shared;
}

/**
 * One measurement: [numTasks, numTasks] symmetric cosine matrix. Cost: numTasks backward passes.
 * Async: a routed model's host reads are answered first (all passes share them: same batch, same θ).
 */
export async function gradientCosine(
  model: MultitaskModel,
  batch: TensorBatch,
  options: CosineOptions = {},
): Promise<tf.Tensor2D> {
  const at = replaying(model, await forwardReads(model, batch));
  return tf.tidy(() => {
    const grads = taskGradients(at, batch, cosineVariables(model, options));
    const flat = tf.stack(grads.map((g) => tf.concat(g.map((t) => tf.reshape(t, [-1]))))) as tf.Tensor2D;
    const dots = tf.matMul(flat, flat, false, true);
    const norms = tf.sqrt(tf.sum(tf.square(flat), 1)) as tf.Tensor1D;
    return tf.div(dots, tf.add(tf.outerProduct(norms, norms), EPSILON)) as tf.Tensor2D;
  });
}

/** 1 where tasks conflict (negative cosine), else 0; averaged over steps it is the conflict rate. */
export function conflicts(cosine: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.cast(tf.less(cosine, 0), 'float32') as tf.Tensor2D);
}
