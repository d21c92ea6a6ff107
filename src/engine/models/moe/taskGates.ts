// Per-task softmax gates for multitask MoE (MMoE, PLE; ALGORITHMS.md Part 2 §3.8): dense mixtures
// by default, optionally top-k (masked and renormalised), with the same auxiliary losses as routers.
import * as tf from '@tensorflow/tfjs';
import { balanceLoss, routerZLoss } from './auxLosses.ts';
import { selectTopK } from './selection.ts';
import { readToHost } from '../../hostReads.ts';
import { addAll } from '../../util/addAll.ts';

export interface TaskGateOptions {
  gate: 'softmax' | 'topk';
  k: number;
  balanceWeight: number;
  zLossWeight: number;
}

export interface GateResult {
  /** [G, N, E] mixture weights of each gate (rows sum to 1). */
  weights: tf.Tensor3D;
  /** Mean over gates of the weighted balance and z losses. */
  aux: tf.Scalar;
}

/**
 * Gates from logits [G, N, E]. f_e of the balance loss is the fraction of each gate's choices
 * (its top-k; top-1 for a dense softmax gate, as in Switch).
 */
export function applyTaskGates(logits: tf.Tensor3D, options: TaskGateOptions): GateResult {
  const [g, n, e] = logits.shape;
  const k = options.gate === 'topk' ? Math.min(options.k, e) : 1;
  const probs = tf.softmax(logits) as tf.Tensor3D;
  const probsCpu = readToHost(probs);
  const mask = new Float32Array(g * n * e);
  const fractions = Array.from({ length: g }, () => new Float32Array(e));
  for (let gate = 0; gate < g; gate++) {
    const choices = selectTopK(probsCpu.subarray(gate * n * e, (gate + 1) * n * e), n, e, k);
    choices.experts.forEach((expert, i) => {
      mask[gate * n * e + Math.floor(i / k) * e + expert] = 1;
      fractions[gate][expert] += 1 / (n * k);
    });
  }
  const result = tf.tidy(() => {
    let weights = probs;
    if (options.gate === 'topk') {
      const picked = tf.mul(probs, tf.tensor3d(mask, [g, n, e]));
      weights = tf.div(picked, tf.sum(picked, 2, true)) as tf.Tensor3D;
    }
    const terms: tf.Scalar[] = [];
    for (let gate = 0; gate < g; gate++) {
      const gateProbs = tf.reshape(tf.slice(probs, [gate, 0, 0], [1, n, e]), [n, e]) as tf.Tensor2D;
      const gateLogits = tf.reshape(tf.slice(logits, [gate, 0, 0], [1, n, e]), [n, e]) as tf.Tensor2D;
      if (options.balanceWeight > 0) terms.push(balanceLoss(gateProbs, fractions[gate], options.balanceWeight));
      if (options.zLossWeight > 0) terms.push(routerZLoss(gateLogits, options.zLossWeight));
    }
    const aux = terms.length ? (tf.div(addAll(terms), g) as tf.Scalar) : tf.scalar(0);
    return { weights, aux };
  });
  if (result.weights !== probs) probs.dispose();
  return result;
}
