// CompeteSMoE (ALGORITHMS.md Part 2 §3.10; Pham et al., arXiv 2402.02526): the experts compete for
// each token by the size of their own response, and the router is distilled towards that policy.
import * as tf from '@tensorflow/tfjs';
import { createRng, deriveSeed, type Rng } from '../../util/random.ts';
import type { CompeteRouter, RouterOptions, TopKRouter } from './types.ts';

export const COMPETE_DEFAULTS = { competeRate: 0.1, distillWeight: 1, winnerWeight: 1 } as const;

/** The router that serves ordinary (sparse) steps: softmax top-k with the same k. */
export const ordinaryRouter = (router: CompeteRouter): TopKRouter => ({
  kind: 'topk',
  k: router.k,
  normalize: router.normalize,
  capacityFactor: router.capacityFactor,
});

/** Whether a training step competes: a Bernoulli(λ) draw from the run's seeded stream. */
export const isCompetitionStep = (router: CompeteRouter, rng: Rng) =>
  rng.next() < (router.competeRate ?? COMPETE_DEFAULTS.competeRate);

/** Decides, step by step, which training steps compete; `count` is how many did so far. */
export interface CompetitionSchedule {
  next(): boolean;
  readonly count: number;
}

/**
 * The seeded competition schedule of a run: its own stream (derived from the run's seed), so the
 * same seed gives the same competition steps whatever else draws random numbers. Other routers never compete.
 */
export function createCompetitionSchedule(router: RouterOptions, seed: number): CompetitionSchedule {
  const rng = createRng(deriveSeed(seed, 'compete-schedule'));
  let count = 0;
  return {
    next() {
      const compete = router.kind === 'compete' && isCompetitionStep(router, rng);
      if (compete) count++;
      return compete;
    },
    get count() {
      return count;
    },
  };
}

/**
 * Neural response scores s^C [N, E] from every expert's output [E, N, d]:
 * softmax over experts of softplus(‖Expert_e(x_t)‖₂).
 */
export function competitionScores(outputs: tf.Tensor3D): tf.Tensor2D {
  return tf.tidy(() => {
    const norms = tf.sqrt(tf.add(tf.sum(tf.square(outputs), 2), 1e-12)); // [E, N]
    return tf.softmax(tf.softplus(tf.transpose(norms))) as tf.Tensor2D;
  });
}

/**
 * L_D = MSE(s^R, s^C) + α_w · mean_t (1/k) Σ_{e ∈ top-k(s^C)} (s^C_e − s^R_e)², weighted. The
 * competition scores are constants (the teacher); only the router's probabilities get gradients.
 * `winners` is the [N, E] 0/1 mask of each token's competition top-k.
 */
export function distillationLoss(
  routerProbs: tf.Tensor2D,
  teacher: Float32Array,
  winners: Float32Array,
  k: number,
  weight: number,
  winnerWeight: number,
): tf.Scalar {
  return tf.tidy(() => {
    const shape = routerProbs.shape;
    const squared = tf.square(tf.sub(routerProbs, tf.tensor2d(teacher, shape)));
    const mse = tf.mean(squared);
    const onWinners = tf.div(tf.mean(tf.sum(tf.mul(squared, tf.tensor2d(winners, shape)), 1)), k);
    return tf.mul(tf.add(mse, tf.mul(onWinners, winnerWeight)), weight) as tf.Scalar;
  });
}
