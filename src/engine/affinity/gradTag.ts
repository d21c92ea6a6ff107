// Grad-TAG (Li, Sharma, Zhang, KDD 2024; ALGORITHMS.md Part 1 §3): estimate the loss each task
// would reach if the meta-initialised model θ* were fine-tuned on a task subset S, without any
// fine-tuning: fit the model linearised around θ*, restricted to a seeded random projection
// Δ = P w, by regression on the projected per-sample gradient features of the tasks in S.
//
// Regression: the lab's tasks are regressions, so the fit is least squares with an L2 penalty
// (the issue allows linear or logistic regression), solved in closed form from per-task Gram
// matrices: ŵ_S = −(Σ_{i∈S} G_i/N + λI)⁻¹ Σ_{i∈S} b_i/N.
import * as tf from '@tensorflow/tfjs';
import { allVariables } from '../models/model.ts';
import { countParams } from '../models/layers.ts';
import { createRng, deriveSeed, permutation } from '../util/random.ts';
import type { CostMeter } from './cost.ts';
import { collectTaskStatistics, type TaskStatistics } from './gradFeatures.ts';
import { createProjection, type ProjectionKind } from './projection.ts';
import { solveRidge } from './ridge.ts';
import type { AffinitySetup } from './setup.ts';
import { lossesWithOffset, snapshotValues, unflatten } from './taskGradients.ts';

export interface GradTagOptions {
  /** Projection dimension d (Grad-TAG code's default 200, AutoBRANE's 400; ignored for `identity`). */
  projectionDim?: number;
  projection?: ProjectionKind;
  /** Seed of the projection matrix (the samples are chosen from the spec's seed). */
  seed?: number;
  /** Training samples whose gradients are collected (shared by all tasks). */
  samples?: number;
  /**
   * L2 penalty relative to the mean eigenvalue of the subset's unprojected Gram matrix:
   * λ = ridge · tr(G)/p. Projection preserves the trace in expectation (JL), so λ does not depend
   * on d and the estimate converges to the unprojected one as d grows.
   */
  ridge?: number;
  /**
   * `linear-train` is the default: on the default planted example it ranks the pairs like the
   * full-batch truth (Spearman about 0.4), where `network` and `linear`, which score held-out rows,
   * rank them backwards (about −0.3): see bench/affinity.ts and issue 14's notes.
   * `network`: plug θ* + Pŵ into the real model and measure validation loss (the authors' code).
   * `linear`: the linearised model's loss on held-out (validation) samples, from their own
   *   gradient features: no forward pass per subset, one extra gradient collection up front.
   * `linear-train`: the linearised model's loss on the fitted (training) samples themselves: free,
   *   optimistic in level, but it ranks subsets by how much their tasks compete in the linear model.
   */
  evaluation?: 'network' | 'linear' | 'linear-train';
}

/**
 * Every training row up to 2048 and d = 1000: on the default planted example, Spearman vs the truth
 * (seeds 1/2/3, bench/gradTagHorizon.ts) was 0.38/0.46/0.42 at d = 400 (AutoBRANE's CLRS default) and
 * 0.62/0.58/0.55 at d = 1000, both at 1.1% of the truth's passes; d = 1000 takes more seconds (the
 * d×d fits and the projection dominate it: src/shared/affinityCost.ts). d = 2000 was not better
 * (0.71/0.59/0.46) at about 3× the seconds of d = 1000.
 */
export const GRADTAG_DEFAULTS: Required<Omit<GradTagOptions, 'seed'>> = {
  projectionDim: 1000,
  projection: 'rademacher',
  samples: 2048,
  ridge: 0.1,
  evaluation: 'linear-train',
};

/** The unprojected fit solves a p×p system in JS: fine for checks on tiny models only. */
const MAX_UNPROJECTED = 2000;

export interface GradTagEstimator {
  numTasks: number;
  /** Projected dimension actually used. */
  dim: number;
  /** Estimated loss of each task of `subset` after fine-tuning θ* on it (in subset order). */
  estimateSubsetLosses(subset: number[]): Promise<Float32Array>;
  /** The fitted projected update ŵ_S (for inspection and tests). */
  fit(subset: number[]): Float64Array;
  dispose(): void;
}

function sumStatistics(stats: TaskStatistics[], subset: number[]) {
  const d = stats[0].linear.length;
  const gram = new Float64Array(d * d);
  const linear = new Float64Array(d);
  for (const t of subset) {
    const s = stats[t];
    for (let k = 0; k < gram.length; k++) gram[k] += s.gram[k] / s.count;
    for (let k = 0; k < d; k++) linear[k] += s.linear[k] / s.count;
  }
  return { gram, linear };
}

/** Linearised in-sample loss of one task: (Σℓ + 2 bᵀw + wᵀGw) / N. */
function linearisedLoss(s: TaskStatistics, w: Float64Array): number {
  const d = w.length;
  let quadratic = 0;
  let linear = 0;
  for (let a = 0; a < d; a++) {
    let row = 0;
    for (let b = 0; b < d; b++) row += s.gram[a * d + b] * w[b];
    quadratic += w[a] * row;
    linear += s.linear[a] * w[a];
  }
  return Math.max(0, (s.constant + 2 * linear + quadratic) / s.count);
}

/**
 * Builds the estimator around the model's CURRENT parameters, which must be the
 * meta-initialisation θ* (a multitask model trained on all tasks).
 */
export async function createGradTagEstimator(
  setup: AffinitySetup,
  options: GradTagOptions = {},
  cost?: CostMeter,
  /** Per-sample gradients done of total, as they are collected. */
  onGradients?: (done: number, total: number) => void,
): Promise<GradTagEstimator> {
  const opts = { ...GRADTAG_DEFAULTS, ...options };
  const seed = deriveSeed(setup.spec.seed, 'gradtag');
  const projectionSeed = options.seed ?? deriveSeed(seed, 'projection');
  const { model } = setup;
  const variables = allVariables(model);
  const numParams = countParams(variables);
  if (opts.projection === 'identity' && numParams > MAX_UNPROJECTED) {
    throw new Error(
      `Grad-TAG without projection needs a ${numParams}×${numParams} system; use a random projection (limit ${MAX_UNPROJECTED} parameters)`,
    );
  }
  const projection = createProjection(opts.projection, numParams, opts.projectionDim, projectionSeed);
  const dim = projection.shape[1];
  const rows = permutation(createRng(deriveSeed(seed, 'samples')), setup.train.size).slice(
    0,
    Math.min(opts.samples, setup.train.size),
  );
  const validationRows =
    opts.evaluation === 'linear'
      ? permutation(createRng(deriveSeed(seed, 'held-out')), setup.validation.size).slice(
          0,
          Math.min(opts.samples, setup.validation.size),
        )
      : new Int32Array(0);
  const total = (rows.length + validationRows.length) * model.numTasks;
  onGradients?.(0, total);
  const stats = await collectTaskStatistics(model, setup.train, rows, projection, (done) => onGradients?.(done, total));
  cost?.train(rows.length * model.numTasks);
  let heldOut: TaskStatistics[] = [];
  if (opts.evaluation === 'linear') {
    heldOut = await collectTaskStatistics(model, setup.validation, validationRows, projection, (done) =>
      onGradients?.(rows.length * model.numTasks + done, total),
    );
    cost?.train(validationRows.length * model.numTasks);
  }
  const base = snapshotValues(variables);

  const fit = (subset: number[]) => {
    const { gram, linear } = sumStatistics(stats, subset);
    let trace = 0;
    for (let k = 0; k < dim; k++) trace += gram[k * dim + k];
    const lambda = Math.max(opts.ridge * (trace / numParams), 1e-12);
    return solveRidge(gram, linear, lambda).map((v) => -v);
  };

  return {
    numTasks: model.numTasks,
    dim,
    fit,
    async estimateSubsetLosses(subset) {
      const w = fit(subset);
      if (opts.evaluation === 'linear-train') return Float32Array.from(subset, (t) => linearisedLoss(stats[t], w));
      if (opts.evaluation === 'linear') return Float32Array.from(subset, (t) => linearisedLoss(heldOut[t], w));
      const parts = tf.tidy(() => {
        const delta = tf.reshape(
          tf.matMul(projection, tf.tensor2d(Float32Array.from(w), [dim, 1])),
          [-1],
        ) as tf.Tensor1D;
        return unflatten(delta, variables);
      });
      const losses = await lossesWithOffset(model, variables, base, parts, setup.validation.tensors);
      const values = (await losses.data()) as Float32Array;
      tf.dispose([losses, ...parts]);
      cost?.forward(setup.validation.size);
      return Float32Array.from(subset, (t) => values[t]);
    },
    dispose: () => tf.dispose([projection, ...base]),
  };
}
