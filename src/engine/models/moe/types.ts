// Shapes and options shared by the MoE layer, its routers and the multitask gates.
// Notation follows ALGORITHMS.md Part 2: N tokens, E routed experts, k choices per token.
import type * as tf from '@tensorflow/tfjs';

/** Token-choice softmax top-k (§3.1), optionally noisy (Shazeer 2017) and with null experts (§3.6). */
export interface TopKRouter {
  kind: 'topk';
  k: number;
  /** Adds ε ⊙ softplus(x·W_noise) to the logits while training. */
  noisy?: boolean;
  /** Renormalise the selected gates to sum to 1 (Mixtral); noisy routers always do (softmax after KeepTopK). */
  normalize?: boolean;
  /** Zero-output experts that make the number of real experts per token adaptive (AdaMoE). */
  numNull?: number;
  /** Capacity factor CF (§3.2): cap = ⌈CF · choices / E⌉ per expert; absent = no dropping. */
  capacityFactor?: number;
}

/** Dynamic routing (§3.3): the smallest prefix of sorted probabilities whose mass reaches `threshold`. */
export interface TopPRouter {
  kind: 'topp';
  threshold: number;
  /** Upper bound on experts per token (default E). */
  maxK?: number;
  capacityFactor?: number;
}

/** Expert choice (§3.4): each expert picks its top C = round(N·c/E) tokens. Not causal. */
export interface ExpertChoiceRouter {
  kind: 'expert-choice';
  capacityFactor: number;
}

/** Soft MoE (§3.5): slots are softmax mixtures of all tokens; nothing is dropped. Not causal. */
export interface SoftRouter {
  kind: 'soft';
  slotsPerExpert: number;
}

/**
 * CompeteSMoE (§3.10, Pham et al. 2024): on competition steps every expert runs and each token goes to
 * the top-k experts by their own response score s^C = softmax_e(softplus(‖Expert_e(x)‖₂)); the router
 * (softmax top-k otherwise) learns to imitate s^C through a distillation loss on those steps.
 */
export interface CompeteRouter {
  kind: 'compete';
  k: number;
  /** Probability λ that a training step is a competition step (default 0.1). */
  competeRate?: number;
  /** Weight of the distillation loss L_D (default 1, router-only gradients). */
  distillWeight?: number;
  /** α_w: extra emphasis on the competition winners in L_D (default 1). */
  winnerWeight?: number;
  normalize?: boolean;
  capacityFactor?: number;
}

export type RouterOptions = TopKRouter | TopPRouter | ExpertChoiceRouter | SoftRouter | CompeteRouter;
export type TokenChoiceRouter = TopKRouter | TopPRouter;

export interface AuxWeights {
  /** Switch load-balancing α (default 0.01). */
  balance?: number;
  /** ST-MoE router z-loss β (default 0.001). */
  zLoss?: number;
  /** Mean router entropy, the top-p "dynamic loss" (default 1e-4 for top-p, else 0). */
  entropy?: number;
  /** Noisy top-k importance CV² weight (default 0.01 when noisy, else 0). */
  importance?: number;
}

/** Auxiliary losses of one layer on one batch, already multiplied by their weights. */
export interface AuxLosses {
  balance: tf.Scalar;
  zLoss: tf.Scalar;
  entropy: tf.Scalar;
  importance: tf.Scalar;
  /** CompeteSMoE distillation (zero except on competition steps). */
  distill?: tf.Scalar;
  total: tf.Scalar;
}

/**
 * What the router decided for one batch, on the CPU, for recording and statistics.
 * Per-token lists are padded to `maxK` with id −1; ids are real experts only (null experts
 * are counted in `nullChoices`, never listed).
 */
export interface RoutingInfo {
  numTokens: number;
  numExperts: number;
  maxK: number;
  /** [N·maxK] expert ids in descending gate order, −1 padded. */
  topIds: Int32Array;
  /** [N·maxK] gate weights of `topIds` (0 for padding). */
  topWeights: Float32Array;
  /** [N·maxK] 1 where the choice was processed, 0 where capacity dropped it (or padding). */
  kept: Uint8Array;
  /** [N] number of real experts each token chose (before capacity). */
  expertsPerToken: Int32Array;
  /** [E] choices per expert before capacity. */
  requested: Int32Array;
  /** [E] choices per expert actually processed. */
  processed: Int32Array;
  /** [E] processed / Σ processed (the load of ALGORITHMS.md Part 2 §2). */
  load: Float32Array;
  /** Slots per expert in this batch (Infinity when unlimited). */
  capacity: number;
  /** Choices dropped by capacity; dropRate = dropped / Σ requested. */
  dropped: number;
  dropRate: number;
  /** Choices that went to null experts. */
  nullChoices: number;
  /** [N·E] router probabilities over real experts (soft MoE: combine mass per expert). */
  probs: Float32Array;
}

export type DispatchMode = 'sparse' | 'dense';

export interface MoeForwardOptions {
  mode?: DispatchMode;
  /** Enables router noise; noise draws come from `noise`. */
  training?: boolean;
  /** Standard-normal source for noisy routers (a seeded Rng's normal). */
  noise?: () => number;
  /** CompeteSMoE routers: make this a competition step (all experts run, routed by their responses). */
  compete?: boolean;
  /** Router logits [N, E] computed elsewhere (a recurrent router across layers); replaces x·W_r. */
  logits?: tf.Tensor2D;
  /** Experts taken out at inference: never selected; tokens fall to their next choices, gates unchanged. */
  knockout?: readonly number[];
  /** Also return the router probabilities [N, E] (the caller disposes them). */
  keepProbs?: boolean;
}

export interface MoeOutput {
  output: tf.Tensor2D;
  routing: RoutingInfo;
  aux: AuxLosses;
  /** Router probabilities [N, E + nulls] when `keepProbs` was asked (differentiable). */
  probs?: tf.Tensor2D;
}
