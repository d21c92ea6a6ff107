// Expert health (issue 20): the HoME and TaskExpert model schemas, the health snapshot event and the
// thresholds its flags use. Plain data beside the spec schemas (model.ts imports it), so the UI can state the
// thresholds without importing the engine.
import { z } from 'zod';
import { depthFields, int } from './numbers.ts';

/** Anomaly thresholds; the view and the CLI state them next to every flag. */
export const HEALTH_THRESHOLDS = {
  /** Collapse: an expert whose hidden activations are exactly zero this often (HoME: "over 90% zero activations with ReLU"). */
  zeroShare: 0.9,
  /** Collapse: an expert whose output std is below this fraction of the layer's median expert std (output distributions far apart). */
  spreadRatio: 0.1,
  /** Degradation: a shared expert given at least this share of its gate weight by one task. */
  occupancy: 0.9,
  /** Underfitting: a task is data-sparse when its label share is below this fraction of the mean task's. */
  sparseShare: 0.5,
  /** Underfitting: a sparse task gives its own experts less than this fraction of what a uniform gate would. */
  specificWeight: 0.5,
} as const;

export const HEALTH_ANOMALIES = ['collapse', 'degradation', 'underfitting'] as const;
export type HealthAnomaly = (typeof HEALTH_ANOMALIES)[number];

export interface HealthFlag {
  anomaly: HealthAnomaly;
  layer: number;
  expert?: string;
  task?: string;
  /** The measured value the threshold was applied to. */
  value: number;
  threshold: number;
  /** The flag in words, naming the anomaly, the expert and the task. */
  message: string;
}

/** One layer of experts (MMoE: its bank; PLE/HoME: the last level; TaskExpert: the last layer; LM: each MoE layer). */
export interface HealthLayer {
  name: string;
  expertNames: string[];
  /** Per expert, the groups (tasks or domains) whose gate may use it: one group = a specific expert. */
  owners: number[][];
  /** [E] share of the expert's hidden activations that are exactly zero. */
  zeroShare: Float32Array;
  /** [E] mean of the expert's output values on the probe rows, and the mean over its output units of each unit's std across rows. */
  outputMean: Float32Array;
  outputStd: Float32Array;
  /** [G × E] mean gate weight group g gives expert e (0 where it cannot see it). */
  gateWeight: Float32Array;
  /** [E × G] share of expert e's total gate weight that comes from group g. */
  occupancy: Float32Array;
  /** [G] gate weight each group gives its own specific experts (NaN: it has none). */
  specificWeight: Float32Array;
  /** [G] what a uniform gate would give them: own experts / visible experts (NaN: none). */
  uniformSpecific: Float32Array;
  /** [E] share of the routed tokens each expert processed (the MoE LM's layers). */
  load?: Float32Array;
}

/** Expert health on a fixed probe batch at `step`: statistics per layer and the anomalies found. */
export interface HealthSnapshotEvent {
  type: 'snapshot';
  kind: 'health';
  step: number;
  groupKind: 'task' | 'domain';
  groupNames: string[];
  /** [G] share of the training labels (or windows) each group has. */
  dataShare: Float32Array;
  layers: HealthLayer[];
  flags: HealthFlag[];
}

export function healthBuffers(event: HealthSnapshotEvent): ArrayBuffer[] {
  const arrays = [
    event.dataShare,
    ...event.layers.flatMap((l) => [
      l.zeroShare,
      l.outputMean,
      l.outputStd,
      l.gateWeight,
      l.occupancy,
      l.specificWeight,
      l.uniformSpecific,
      ...(l.load ? [l.load] : []),
    ]),
  ];
  return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}

const homeExpertFields = {
  expertHidden: int(1, 4096).default(32),
  expertOutput: int(1, 4096).default(16),
  towerHidden: int(1, 4096).default(16),
  /** Hidden layers per expert and per tower; absent = 1. With expert normalisation every expert layer is normalised. */
  ...depthFields,
};

/**
 * HoME (Wang et al., KDD 2025, arXiv 2408.05430). Every fix is a switch, so a user can add them one at
 * a time; with all off it is a one-level CGC (task-specific + shared experts, one gate per task, ReLU).
 */
export const HomeSpec = z.object({
  kind: z.literal('home'),
  /** Experts owned by each task (task level). */
  taskExperts: int(1, 16).default(1),
  /** Experts shared by all tasks, per level. */
  sharedExperts: int(1, 32).default(2),
  /** Experts shared within each meta-category, per level (hierarchy mask only). */
  categoryExperts: int(1, 16).default(1),
  /** Meta-category of each task (0-based); absent: all tasks in one category. Use SDP groups of the affinity matrix, or your own. */
  categories: z.array(int(0, 63)).max(64).optional(),
  /** Expert normalisation (batch statistics) + Swish instead of ReLU: against expert collapse. */
  expertNorm: z.boolean().default(true),
  /** Two levels: meta-category experts first, then task experts under a mask: against expert degradation. */
  hierarchyMask: z.boolean().default(true),
  /** Per-expert input gates 2·σ(x·A·B) (low rank): against expert underfitting. */
  featureGate: z.boolean().default(true),
  /** A residual gate over each task's own experts only: against expert underfitting. */
  selfGate: z.boolean().default(true),
  /** Rank of the feature gates' A·B. */
  featureGateRank: int(1, 64).default(4),
  ...homeExpertFields,
});
export type HomeSpec = z.infer<typeof HomeSpec>;

/**
 * TaskExpert (Ye & Xu, ICCV 2023): a shared trunk; at each layer E experts decompose its feature, and
 * per-sample task gates assemble each task's feature; the multi-task memory carries each task's feature
 * to the next layer's gate as one more expert.
 */
export const TaskExpertSpec = z.object({
  kind: z.literal('task-expert'),
  numLayers: int(1, 6).default(2),
  numExperts: int(1, 64).default(4),
  /** Width of the trunk and of every expert's output. */
  width: int(1, 4096).default(32),
  expertHidden: int(1, 4096).default(32),
  towerHidden: int(1, 4096).default(16),
  ...depthFields,
  /** The multi-task feature memory across layers. */
  memory: z.boolean().default(true),
  activation: z.enum(['relu', 'tanh', 'gelu']).default('relu'),
});
export type TaskExpertSpec = z.infer<typeof TaskExpertSpec>;
