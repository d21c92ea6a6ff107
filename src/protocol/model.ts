// Model specs: the multitask architectures and the MoE language model (ALGORITHMS.md Parts 1-2).
import { z } from 'zod';
import { depthFields, int } from './numbers.ts';
import { HomeSpec, TaskExpertSpec } from './health.ts';

export const SharedBottomSpec = z.object({
  kind: z.literal('shared-bottom'),
  /** Widths of the shared trunk's hidden layers. */
  hidden: z.array(int(1, 4096)).min(1).max(8).default([64, 64]),
  activation: z.enum(['relu', 'tanh', 'gelu']).default('relu'),
});

/** Checks that `layers` is a tree over tasks 0..n-1: each layer a partition, each refining the last. */
function checkTreeLayers(layers: number[][][], ctx: z.RefinementCtx): void {
  const n = layers[0].flat().length;
  layers.forEach((groups, l) => {
    const seen = new Array<number>(n).fill(-1);
    groups.forEach((group, g) =>
      group.forEach((task, i) => {
        const path = [l, g, i];
        if (task >= n)
          ctx.addIssue({
            code: 'custom',
            path,
            message: `task ${task} is out of range: layer 0 covers ${n} tasks (0..${n - 1})`,
          });
        else if (seen[task] >= 0)
          ctx.addIssue({ code: 'custom', path, message: `task ${task} appears twice in layer ${l}` });
        else seen[task] = g;
      }),
    );
    const missing = seen.findIndex((g) => g < 0);
    if (missing >= 0)
      ctx.addIssue({ code: 'custom', path: [l], message: `task ${missing} is missing from layer ${l}` });
    if (l === 0) return;
    groups.forEach((group, g) => {
      const parents = new Set(group.map((task) => layers[l - 1].findIndex((parent) => parent.includes(task))));
      if (parents.size > 1)
        ctx.addIssue({
          code: 'custom',
          path: [l, g],
          message: `group ${g} of layer ${l} mixes tasks from different groups of layer ${l - 1}; a branch can only split`,
        });
    });
  });
}

export const BranchedSpec = z.object({
  kind: z.literal('branched'),
  /** The tree: layers[ℓ] lists the task groups sharing a block at depth ℓ (as `tasklab branch` writes it). */
  layers: z
    .array(z.array(z.array(int(0, 1023)).min(1)).min(1))
    .min(1)
    .max(8)
    .superRefine(checkTreeLayers),
  /** Width of every block. */
  width: int(1, 4096).default(32),
  activation: z.enum(['relu', 'tanh', 'gelu']).default('relu'),
});

/** Gate settings shared by the multitask MoE models (ALGORITHMS.md Part 2 §3.1, §3.8). */
const taskGateFields = {
  /** `softmax`: every expert, softmax-weighted (MMoE as published); `topk`: the k best, renormalised. */
  gate: z.enum(['softmax', 'topk']).default('softmax'),
  k: int(1, 64).default(2),
  /** Switch load-balancing weight α. */
  balanceWeight: z.number().min(0).max(10).default(0.01),
  /** ST-MoE router z-loss weight β. */
  zLossWeight: z.number().min(0).max(10).default(0.001),
};

const expertFields = {
  /** Hidden width of each expert's two-layer MLP. */
  expertHidden: int(1, 4096).default(32),
  /** Width of each expert's output (the towers' input). */
  expertOutput: int(1, 4096).default(16),
  towerHidden: int(1, 4096).default(16),
  ...depthFields,
  activation: z.enum(['relu', 'tanh', 'gelu']).default('relu'),
};

export const MmoeSpec = z.object({
  kind: z.literal('mmoe'),
  numExperts: int(1, 64).default(4),
  ...expertFields,
  ...taskGateFields,
});

export const PleSpec = z.object({
  kind: z.literal('ple'),
  numLevels: int(1, 4).default(2),
  /** Experts owned by each task, per level. */
  taskExperts: int(1, 16).default(1),
  /** Experts shared by all tasks, per level. */
  sharedExperts: int(1, 32).default(2),
  ...expertFields,
  ...taskGateFields,
});

/** Router kinds of the MoE language model's layers (ALGORITHMS.md Part 2 §3.1–§3.5, §3.10 CompeteSMoE). */
export const LM_ROUTERS = ['topk', 'topp', 'expert-choice', 'soft', 'compete'] as const;
/** Independent per-layer routers, or one recurrent routing state carried across layers (§3.11). */
export const ROUTER_MEMORIES = ['independent', 'recurrent'] as const;

/** A tiny char-level transformer whose feed-forward blocks are MoE layers; needs a `text` dataset. */
export const MoeLmSpec = z.object({
  kind: z.literal('moe-lm'),
  dModel: int(2, 512).default(32),
  numHeads: int(1, 16).default(2),
  numLayers: int(1, 12).default(2),
  numExperts: int(1, 64).default(4),
  expertHidden: int(1, 4096).default(32),
  router: z.enum(LM_ROUTERS).default('topk'),
  /** Experts per token (top-k). */
  k: int(1, 64).default(2),
  /** Probability mass threshold of the top-p router. */
  topP: z.number().gt(0).max(1).default(0.6),
  /** Capacity factor (top-k/top-p: optional dropping; expert choice: slots per expert). */
  capacityFactor: z.number().positive().max(64).optional(),
  balanceWeight: z.number().min(0).max(10).default(0.01),
  zLossWeight: z.number().min(0).max(10).default(0.001),
  /** CompeteSMoE (router 'compete'): probability λ that a training step is a competition step (all experts run). */
  competeRate: z.number().min(0).max(1).default(0.1),
  /** CompeteSMoE: weight of the distillation loss (router-only gradients). */
  distillWeight: z.number().min(0).max(100).default(1),
  /** CompeteSMoE: α_w, extra weight of the competition winners in the distillation loss. */
  winnerWeight: z.number().min(0).max(100).default(1),
  routerMemory: z.enum(ROUTER_MEMORIES).default('independent'),
  /** Width of the recurrent routing state (routerMemory 'recurrent'). */
  routerStateDim: int(1, 256).default(16),
});
export type MoeLmSpec = z.infer<typeof MoeLmSpec>;

export const GnnSpec = z.object({
  kind: z.literal('gnn'),
  /** Width of node states in the encoder, processor and decoders. */
  hidden: int(1, 512).default(32),
  /** Rounds of message passing, each with its own weights. */
  layers: int(1, 16).default(3),
  /**
   * How a node combines its neighbours' messages: `attention` (dense graph attention, can act like
   * max/min), `mean` (relational GCN, cheapest), `max` (CLRS-style MPNN; [B, N, N, H] messages, slow on cpu).
   */
  aggregation: z.enum(['attention', 'mean', 'max']).default('attention'),
  /**
   * Branched processor (AutoBRANE): tree[ℓ][g] = tasks of group g at round ℓ, one entry per layer,
   * each round refining the one before; absent = every round shared by all tasks.
   */
  tree: z.array(z.array(z.array(z.number().int().min(0)).min(1)).min(1)).optional(),
});

export const ModelSpec = z.discriminatedUnion('kind', [
  SharedBottomSpec,
  BranchedSpec,
  MmoeSpec,
  PleSpec,
  GnnSpec,
  MoeLmSpec,
  HomeSpec,
  TaskExpertSpec,
]);
export type ModelSpec = z.infer<typeof ModelSpec>;
