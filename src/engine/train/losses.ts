import * as tf from '@tensorflow/tfjs';

/** Mean squared error of each task over the batch: [batch, tasks] → [tasks]. */
export function perTaskMse(predictions: tf.Tensor2D, targets: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => tf.mean(tf.squaredDifference(predictions, targets), 0) as tf.Tensor1D);
}
