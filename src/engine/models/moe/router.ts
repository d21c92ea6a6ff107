// The token-choice and expert-choice routers: logits, probabilities, the discrete selection on the
// CPU (one small read-back per layer per step), and differentiable gate matrices.
import * as tf from '@tensorflow/tfjs';
import { normalArray, type Rng } from '../../util/random.ts';
import { variableFrom } from '../layers.ts';
import { expertChoiceCapacity, selectExpertChoice, selectTopK, selectTopP, type Choices } from './selection.ts';
import type { ExpertChoiceRouter, MoeForwardOptions, TokenChoiceRouter } from './types.ts';
import { readToHost } from '../../hostReads.ts';

export interface RouterWeights {
  /** [d, E + numNull] */
  kernel: tf.Variable;
  /** [d, E + numNull], noisy routers only. */
  noise?: tf.Variable;
}

export interface RouteResult {
  logits: tf.Tensor2D; // [N, E + numNull]
  probs: tf.Tensor2D; // [N, E + numNull]
  /** The CPU copy of `probs`. */
  probsCpu: Float32Array;
  /** [N, E + numNull] gate of every chosen expert (before capacity), zero elsewhere. */
  gates: tf.Tensor2D;
  choices: Choices;
  /** [N·maxK] gate of each choice, the CPU copy of `gates`. */
  choiceGates: Float32Array;
}

export type SelectingRouter = TokenChoiceRouter | ExpertChoiceRouter;

export const routerWidth = (router: SelectingRouter, numExperts: number) =>
  numExperts + (router.kind === 'topk' ? (router.numNull ?? 0) : 0);

/** Small init (std 0.02, ALGORITHMS.md Part 2 §3) keeps early routing near uniform. */
export function createRouterWeights(
  router: SelectingRouter,
  inputDim: number,
  numExperts: number,
  rng: Rng,
): RouterWeights {
  const width = routerWidth(router, numExperts);
  const init = () => tf.tensor2d(normalArray(rng, inputDim * width, 0.02), [inputDim, width]);
  const noisy = router.kind === 'topk' && router.noisy;
  return {
    kernel: variableFrom(init()),
    noise: noisy ? variableFrom(tf.zeros([inputDim, width])) : undefined,
  };
}

export const routerVariables = (weights: RouterWeights) =>
  weights.noise ? [weights.kernel, weights.noise] : [weights.kernel];

function select(router: SelectingRouter, probs: Float32Array, n: number, width: number, numExperts: number): Choices {
  switch (router.kind) {
    case 'topk':
      return selectTopK(probs, n, width, Math.min(router.k, width));
    case 'topp':
      return selectTopP(probs, n, width, router.threshold, router.maxK ?? width);
    case 'expert-choice':
      return selectExpertChoice(probs, n, width, expertChoiceCapacity(n, numExperts, router.capacityFactor));
  }
}

/**
 * Selection with some experts knocked out: they can never be chosen, so each token falls to its next
 * choices; the probabilities (and so the gates) of the others are untouched. Where fewer experts than
 * k remain, a token simply gets fewer.
 */
function selectWithout(
  router: SelectingRouter,
  probs: Float32Array,
  n: number,
  width: number,
  numExperts: number,
  knockout: readonly number[],
): Choices {
  const out = new Set(knockout);
  for (const e of out)
    if (!Number.isInteger(e) || e < 0 || e >= numExperts)
      throw new Error(`cannot knock out expert ${e}: the layer has experts 0..${numExperts - 1}`);
  const masked = Float32Array.from(probs);
  // −1 sorts below every probability for top-k; 0 keeps top-p's running mass honest.
  const floor = router.kind === 'topk' ? -1 : 0;
  for (let t = 0; t < n; t++) for (const e of out) masked[t * width + e] = floor;
  const choices = select(router, masked, n, width, numExperts);
  choices.experts.forEach((e, i) => {
    if (out.has(e)) {
      choices.experts[i] = -1;
      choices.scores[i] = 0;
    }
  });
  return choices;
}

/** Renormalised gates: Mixtral's norm_topk_prob, and softmax-after-KeepTopK for noisy top-k. */
const renormalises = (router: SelectingRouter) => router.kind === 'topk' && Boolean(router.normalize || router.noisy);

export function route(
  router: SelectingRouter,
  weights: RouterWeights,
  x: tf.Tensor2D,
  numExperts: number,
  options: MoeForwardOptions = {},
): RouteResult {
  const n = x.shape[0];
  const width = weights.kernel.shape[1] as number;
  if (options.logits && (options.logits.shape[0] !== n || options.logits.shape[1] !== width)) {
    throw new Error(`router logits have shape [${options.logits.shape}], expected [${n}, ${width}]`);
  }
  const logits = tf.tidy((): tf.Tensor2D => {
    if (options.logits) return tf.clone(options.logits);
    const clean = tf.matMul(x, weights.kernel as tf.Tensor2D);
    if (!weights.noise || !options.training) return clean as tf.Tensor2D;
    if (!options.noise) throw new Error('a noisy router needs a noise source while training');
    const draw = options.noise;
    const eps = tf.tensor2d(
      Float32Array.from({ length: n * width }, () => draw()),
      [n, width],
    );
    return tf.add(clean, tf.mul(eps, tf.softplus(tf.matMul(x, weights.noise as tf.Tensor2D)))) as tf.Tensor2D;
  });
  const probs = tf.softmax(logits) as tf.Tensor2D;
  const probsCpu = readToHost(probs) as Float32Array;
  const choices = options.knockout?.length
    ? selectWithout(router, probsCpu, n, width, numExperts, options.knockout)
    : select(router, probsCpu, n, width, numExperts);

  const mask = new Float32Array(n * width);
  choices.experts.forEach((e, i) => {
    if (e >= 0) mask[Math.floor(i / choices.maxK) * width + e] = 1;
  });
  const normalise = renormalises(router);
  const gates = tf.tidy(() => {
    const picked = tf.mul(probs, tf.tensor2d(mask, [n, width]));
    // The floor only matters for a token whose every choice was knocked out (0/0 otherwise).
    return (normalise ? tf.div(picked, tf.maximum(tf.sum(picked, 1, true), 1e-30)) : picked) as tf.Tensor2D;
  });
  const choiceGates = Float32Array.from(choices.scores);
  if (normalise) {
    for (let t = 0; t < n; t++) {
      let total = 0;
      for (let c = 0; c < choices.maxK; c++) total += choices.scores[t * choices.maxK + c];
      if (total > 0) for (let c = 0; c < choices.maxK; c++) choiceGates[t * choices.maxK + c] /= total;
    }
  }
  return { logits, probs, probsCpu, gates, choices, choiceGates };
}
