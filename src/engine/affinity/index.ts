// Task affinity (ALGORITHMS.md Part 1 §1–§3): which tasks help each other, four ways.
// Every matrix is row-major n×n with entry [i * n + j] = affinity of SOURCE task i onto TARGET j.
//
// - lookahead (TAG): Z[i→j] = 1 − L_j(θ_s − η g_i)/L_j(θ_s) on the same batch, shared parameters
//   only, plain-SGD lookahead step with η = the training learning rate (not Adam's direction), not
//   divided by η; averaged over measurements every `every` steps after skipping Adam's first 20.
// - cosine: cos(g_i, g_j) over the shared kernels (rank > 1), averaged; plus the conflict rate.
// - gradtag: Grad-TAG estimate of fine-tuning the meta-initialisation θ* on task subsets.
// - bruteforce: actually fine-tune θ* on every single task and pair (§3.1 "fine-tuned"), or
//   train from θ_0 (`init: 'scratch'`).
// For the per-subset methods the matrix is the relative gain 1 − L_j({i,j}) / L_j({j}) (diagonal 0,
// positive = i helps j), and `losses` holds the validation losses it is built from.
export { lookaheadAffinity, firstOrderLookahead, symmetrise } from './lookahead.ts';
export { gradientCosine, conflicts } from './cosine.ts';
export { createAffinityProbe, type AffinityProbe } from './probe.ts';
export { createGradTagEstimator, GRADTAG_DEFAULTS, type GradTagEstimator, type GradTagOptions } from './gradTag.ts';
export {
  computeAffinity,
  estimateBruteForceCost,
  bruteForceAffinity,
  gradTagAffinity,
  measuredAffinity,
  metaInitialise,
  type AffinityMethod,
  type AffinityResult,
} from './methods.ts';
export { allPairs, sampleSubsets, pairwiseAffinity } from './subsets.ts';
export {
  meanRelativeError,
  relativeFrobeniusError,
  spearman,
  spearmanOffDiagonal,
  withinAcrossMeans,
  toRows,
} from './scoring.ts';
export { createAffinitySetup, checkTargets } from './setup.ts';
