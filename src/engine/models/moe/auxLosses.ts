// Auxiliary router losses (ALGORITHMS.md Part 2 §3.1, §3.3), each returned already weighted.
import * as tf from '@tensorflow/tfjs';
import type { AuxLosses } from './types.ts';
import { addAll } from '../../util/addAll.ts';

/**
 * Switch load balancing: α · E · Σ_e f_e · P_e, with f_e the (constant) fraction of choices that
 * went to expert e and P_e = mean_t p_{t,e} (differentiable). Equals α at perfect balance.
 */
export function balanceLoss(probs: tf.Tensor2D, fractions: Float32Array, weight: number): tf.Scalar {
  return tf.tidy(() => {
    const meanProb = tf.mean(probs, 0);
    return tf.mul(tf.sum(tf.mul(meanProb, tf.tensor1d(fractions))), weight * fractions.length) as tf.Scalar;
  });
}

/** ST-MoE router z-loss: β · mean_t (logsumexp_e h_{t,e})². */
export function routerZLoss(logits: tf.Tensor2D, weight: number): tf.Scalar {
  return tf.tidy(() => tf.mul(tf.mean(tf.square(tf.logSumExp(logits, 1))), weight) as tf.Scalar);
}

/** Mean token entropy of the router, −Σ p ln p (top-p's "dynamic loss"). */
export function entropyLoss(probs: tf.Tensor2D, weight: number): tf.Scalar {
  return tf.tidy(
    () => tf.mul(tf.mean(tf.neg(tf.sum(tf.mul(probs, tf.log(tf.add(probs, 1e-9))), 1))), weight) as tf.Scalar,
  );
}

/** Noisy top-k importance loss: w · CV(Σ_t g_t)², population std over experts. */
export function importanceLoss(gates: tf.Tensor2D, weight: number): tf.Scalar {
  return tf.tidy(() => {
    const importance = tf.sum(gates, 0);
    const { mean, variance } = tf.moments(importance);
    return tf.mul(tf.div(variance, tf.add(tf.square(mean), 1e-12)), weight) as tf.Scalar;
  });
}

export function zeroAux(): AuxLosses {
  return tf.tidy(() => {
    const zero = () => tf.scalar(0);
    return { balance: zero(), zLoss: zero(), entropy: zero(), importance: zero(), total: zero() };
  });
}

/** Bundles weighted terms and their sum. */
export function sumAux(parts: Omit<AuxLosses, 'total'>): AuxLosses {
  const terms = [
    parts.balance,
    parts.zLoss,
    parts.entropy,
    parts.importance,
    ...(parts.distill ? [parts.distill] : []),
  ];
  return { ...parts, total: addAll(terms) as tf.Scalar };
}
