import * as tf from '@tensorflow/tfjs';

/**
 * Mean squared error of each task over the batch: [batch, tasks] → [tasks]. With a 0/1 `mask`
 * (user tables with missing targets, long format), the mean runs over the present targets only;
 * a task with none in the batch gets loss 0 (and so no gradient).
 */
export function perTaskMse(predictions: tf.Tensor2D, targets: tf.Tensor2D, mask?: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const squared = tf.squaredDifference(predictions, targets);
    if (!mask) return tf.mean(squared, 0) as tf.Tensor1D;
    return tf.div(tf.sum(tf.mul(squared, mask), 0), tf.maximum(tf.sum(mask, 0), 1)) as tf.Tensor1D;
  });
}

/** Per-task mean and variance over the batch, over present targets only when masked. */
function maskedMoments(targets: tf.Tensor2D, mask?: tf.Tensor2D) {
  if (!mask) return tf.moments(targets, 0);
  const count = tf.maximum(tf.sum(mask, 0), 1);
  const mean = tf.div(tf.sum(tf.mul(targets, mask), 0), count);
  const variance = tf.div(tf.sum(tf.mul(tf.square(tf.sub(targets, mean)), mask), 0), count);
  return { mean, variance };
}

/** Coefficient of determination of each task: 1 − MSE / Var(target). Constant targets score 0. */
export function perTaskR2(predictions: tf.Tensor2D, targets: tf.Tensor2D, mask?: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const mse = perTaskMse(predictions, targets, mask);
    const variance = maskedMoments(targets, mask).variance;
    const safe = tf.maximum(variance, 1e-12);
    return tf.where(tf.greater(variance, 1e-12), tf.sub(1, tf.div(mse, safe)), tf.zerosLike(mse)) as tf.Tensor1D;
  });
}
