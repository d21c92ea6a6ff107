import * as tf from '@tensorflow/tfjs';

/** Mean squared error of each task over the batch: [batch, tasks] → [tasks]. */
export function perTaskMse(predictions: tf.Tensor2D, targets: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => tf.mean(tf.squaredDifference(predictions, targets), 0) as tf.Tensor1D);
}

/** Coefficient of determination of each task: 1 − MSE / Var(target). Constant targets score 0. */
export function perTaskR2(predictions: tf.Tensor2D, targets: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const mse = perTaskMse(predictions, targets);
    const variance = tf.moments(targets, 0).variance;
    const safe = tf.maximum(variance, 1e-12);
    return tf.where(tf.greater(variance, 1e-12), tf.sub(1, tf.div(mse, safe)), tf.zerosLike(mse)) as tf.Tensor1D;
  });
}
