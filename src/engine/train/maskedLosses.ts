// Losses and scores over padded outputs: every function averages only where mask = 1, so padded
// nodes and non-edges never count. All return scalars; a batch with an empty mask gives 0.
// Built only from ops whose kernels and gradients exist on every tfjs backend (wasm included).
import * as tf from '@tensorflow/tfjs';

const maskedMean = (values: tf.Tensor, mask: tf.Tensor) =>
  tf.div(tf.sum(tf.mul(values, mask)), tf.maximum(tf.sum(mask), 1)) as tf.Scalar;

/** Binary cross-entropy on logits: softplus(x) − x·z (tfjs's softplus is the overflow-safe form). */
export function maskedBinaryCrossEntropy(logits: tf.Tensor, targets: tf.Tensor, mask: tf.Tensor): tf.Scalar {
  return tf.tidy(() => maskedMean(tf.sub(tf.softplus(logits), tf.mul(logits, targets)), mask));
}

/** Fraction of masked entries where the logit's sign matches the 0/1 target. */
export function maskedBinaryAccuracy(logits: tf.Tensor, targets: tf.Tensor, mask: tf.Tensor): tf.Scalar {
  return tf.tidy(() => maskedMean(tf.cast(tf.equal(tf.greater(logits, 0), tf.greater(targets, 0.5)), 'float32'), mask));
}

export function maskedMse(predictions: tf.Tensor, targets: tf.Tensor, mask: tf.Tensor): tf.Scalar {
  return tf.tidy(() => maskedMean(tf.squaredDifference(predictions, targets), mask));
}

/** 1 − SSE / SST over the masked entries of the batch; 0 when the masked targets are constant. */
export function maskedR2(predictions: tf.Tensor, targets: tf.Tensor, mask: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const mean = maskedMean(targets, mask);
    const sse = tf.sum(tf.mul(tf.squaredDifference(predictions, targets), mask));
    const sst = tf.sum(tf.mul(tf.squaredDifference(targets, mean), mask));
    return tf.where(tf.greater(sst, 1e-12), tf.sub(1, tf.div(sse, tf.maximum(sst, 1e-12))), tf.scalar(0)) as tf.Scalar;
  });
}

/** Softmax cross-entropy of scores [..., K] against one-hot targets [..., K], masked per row [...]. */
export function maskedSoftmaxCrossEntropy(scores: tf.Tensor, oneHot: tf.Tensor, mask: tf.Tensor): tf.Scalar {
  return tf.tidy(() => maskedMean(tf.neg(tf.sum(tf.mul(oneHot, tf.logSoftmax(scores)), -1)), mask));
}

/** Fraction of masked rows whose highest score is at the target (ties count as correct). */
export function maskedPointerAccuracy(scores: tf.Tensor, oneHot: tf.Tensor, mask: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const atTarget = tf.sum(tf.mul(scores, oneHot), -1);
    return maskedMean(tf.cast(tf.greaterEqual(atTarget, tf.max(scores, -1)), 'float32'), mask);
  });
}
