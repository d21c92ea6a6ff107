// Unlearning objectives on the forget set, as losses to minimise, from per-window mean cross-entropies.
import * as tf from '@tensorflow/tfjs';

/**
 * 'ga': gradient ascent, −mean CE (unbounded: stop it by steps or divergence check).
 * 'npo': Negative Preference Optimization (Zhang et al. 2024), (2/β)·mean log(1 + (π_θ/π_ref)^β),
 * with log π(window) = −length · CE; bounded below by 0 and flat once the forget windows are unlikely.
 */
export type UnlearnObjective = 'ga' | 'npo';

export function unlearningObjective(kind: UnlearnObjective, windowLosses: tf.Tensor1D, referenceLosses: tf.Tensor1D, length: number, beta: number): tf.Scalar {
  return tf.tidy(() => {
    if (kind === 'ga') return tf.neg(tf.mean(windowLosses)) as tf.Scalar;
    const logRatio = tf.mul(tf.sub(windowLosses, referenceLosses), -length);
    return tf.mul(tf.mean(tf.softplus(tf.mul(logRatio, beta))), 2 / beta) as tf.Scalar;
  });
}
