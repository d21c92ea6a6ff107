// Unlearning objectives on the forget set, as losses to minimise, from per-window mean cross-entropies.
import * as tf from '@tensorflow/tfjs';
import type { UnlearnObjective } from '../../protocol/reports.ts';
export type { UnlearnObjective };

export function unlearningObjective(
  kind: UnlearnObjective,
  windowLosses: tf.Tensor1D,
  referenceLosses: tf.Tensor1D,
  length: number,
  beta: number,
): tf.Scalar {
  return tf.tidy(() => {
    if (kind === 'ga') return tf.neg(tf.mean(windowLosses)) as tf.Scalar;
    const logRatio = tf.mul(tf.sub(windowLosses, referenceLosses), -length);
    return tf.mul(tf.mean(tf.softplus(tf.mul(logRatio, beta))), 2 / beta) as tf.Scalar;
  });
}
