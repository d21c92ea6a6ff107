// The only types that cross the worker boundary, plus the ExperimentSpec schema that every
// entry point (worker, CLI, URL, UI, files) validates with before anything runs.
import { z } from 'zod';

export const BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];
export const BackendChoice = z.enum(['auto', ...BACKENDS]);
export type BackendChoice = z.infer<typeof BackendChoice>;

const int = (min: number, max: number) => z.number().int().min(min).max(max);

export const PlantedDatasetSpec = z.object({
  kind: z.literal('planted'),
  numTasks: int(1, 64).default(8),
  numGroups: int(1, 16).default(2),
  inputDim: int(1, 256).default(16),
  numSamples: int(16, 200_000).default(2048),
  /** Std of per-task observation noise, relative to a unit-variance target. */
  noise: z.number().min(0).max(10).default(0.1),
});

/** One cell of a user's table: a number, a text, or missing. */
export const TableCell = z.union([z.number(), z.string().max(10_000), z.null()]);
/** A small table written out in the spec itself: a header and rows of the same length. */
export const InlineTable = z.object({
  columns: z.array(z.string().max(200)).min(1).max(1000),
  rows: z.array(z.array(TableCell)).max(1_000_000),
});
export type InlineTable = z.infer<typeof InlineTable>;

/**
 * A user's table (or a built-in one) with column roles. Wide format: each target column is one
 * regression task. Long format: `taskColumn` names each row's task and the single target holds its value.
 */
export const TableDatasetSpec = z.object({
  kind: z.literal('table'),
  /** A built-in table's name ("cars", "penguins"), a table the caller supplies under that name, or inline rows. */
  table: z.union([z.string().min(1).max(200), InlineTable]),
  inputs: z.array(z.string().max(200)).min(1).max(1000),
  targets: z.array(z.string().max(200)).min(1).max(64),
  taskColumn: z.string().max(200).optional(),
  /** z-score inputs and targets with statistics of the training split. */
  normalize: z.boolean().default(true),
});
export type TableDatasetSpec = z.infer<typeof TableDatasetSpec>;

export const DatasetSpec = z.discriminatedUnion('kind', [PlantedDatasetSpec, TableDatasetSpec]);
export type DatasetSpec = z.infer<typeof DatasetSpec>;

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
        if (task >= n) ctx.addIssue({ code: 'custom', path, message: `task ${task} is out of range: layer 0 covers ${n} tasks (0..${n - 1})` });
        else if (seen[task] >= 0) ctx.addIssue({ code: 'custom', path, message: `task ${task} appears twice in layer ${l}` });
        else seen[task] = g;
      }),
    );
    const missing = seen.findIndex((g) => g < 0);
    if (missing >= 0) ctx.addIssue({ code: 'custom', path: [l], message: `task ${missing} is missing from layer ${l}` });
    if (l === 0) return;
    groups.forEach((group, g) => {
      const parents = new Set(group.map((task) => layers[l - 1].findIndex((parent) => parent.includes(task))));
      if (parents.size > 1) ctx.addIssue({ code: 'custom', path: [l, g], message: `group ${g} of layer ${l} mixes tasks from different groups of layer ${l - 1}; a branch can only split` });
    });
  });
}

export const BranchedSpec = z.object({
  kind: z.literal('branched'),
  /** The tree: layers[ℓ] lists the task groups sharing a block at depth ℓ (as `tasklab branch` writes it). */
  layers: z.array(z.array(z.array(int(0, 1023)).min(1)).min(1)).min(1).max(8).superRefine(checkTreeLayers),
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

export const ModelSpec = z.discriminatedUnion('kind', [SharedBottomSpec, BranchedSpec, MmoeSpec, PleSpec]);
export type ModelSpec = z.infer<typeof ModelSpec>;

export const TrainingSpec = z.object({
  steps: int(1, 1_000_000).default(300),
  batchSize: int(1, 65_536).default(64),
  learningRate: z.number().positive().max(10).default(0.005),
  optimizer: z.enum(['adam', 'sgd', 'momentum']).default('adam'),
  /** Fraction of samples held out for validation metrics. */
  validationFraction: z.number().min(0).max(0.9).default(0.2),
});

/** Live task-affinity measurement during training (ALGORITHMS.md Part 1 §1–§2). */
export const AffinitySpec = z.object({
  method: z.enum(['lookahead', 'cosine']),
  /** Measure every `every` training steps (TAG's official code: every 10). */
  every: int(1, 1_000_000).default(10),
  /** Steps to skip before the first measurement; default 20 with Adam (its first steps are huge), else 0. */
  skipSteps: int(0, 1_000_000).optional(),
  /** Lookahead step size η; defaults to the training learning rate. */
  learningRate: z.number().positive().max(10).optional(),
});
export type AffinitySpec = z.infer<typeof AffinitySpec>;

/** CompeteSMoE router settings for MoE models (ALGORITHMS.md Part 2 §3.10); `kind: 'compete'` in the engine. */
export const CompeteRouterSpec = z.object({
  kind: z.literal('compete'),
  k: int(1, 64).default(2),
  /** Probability λ that a training step is a competition step (all experts run). */
  competeRate: z.number().min(0).max(1).default(0.1),
  distillWeight: z.number().min(0).max(100).default(1),
  /** α_w: extra weight of the competition winners in the distillation loss. */
  winnerWeight: z.number().min(0).max(100).default(1),
});
export type CompeteRouterSpec = z.infer<typeof CompeteRouterSpec>;

/** UOE unlearning of one domain of the MoE language model, or its all-parameter baseline (issue 9). */
export const UnlearnSpec = z.object({
  /** Name of the domain to forget. */
  forget: z.string().min(1).max(200),
  scope: z.enum(['uoe', 'full']).default('uoe'),
  objective: z.enum(['ga', 'npo']).default('npo'),
  steps: int(1, 10_000).default(20),
  learningRate: z.number().positive().max(10).default(3e-3),
  npoBeta: z.number().positive().max(10).default(0.1),
  /** Router anchor weight (UOE only; 0 turns it off). */
  anchorWeight: z.number().min(0).max(100).default(1),
  /** Forget loss (nats per character) counted as divergence; default 5·ln(vocabulary size). */
  maxLoss: z.number().positive().optional(),
});
export type UnlearnSpec = z.infer<typeof UnlearnSpec>;

/** Experts to knock out at inference: (layer, expert) pairs. */
export const KnockoutSpec = z.object({
  experts: z.array(z.object({ layer: int(0, 1023), expert: int(0, 65_535) })).max(65_536).default([]),
});
export type KnockoutSpec = z.infer<typeof KnockoutSpec>;

export const ExperimentSpec = z.object({
  name: z.string().max(200).default('Planted clusters'),
  seed: int(0, 2 ** 31 - 1).default(1),
  backend: BackendChoice.default('auto'),
  dataset: DatasetSpec.default(() => PlantedDatasetSpec.parse({ kind: 'planted' })),
  model: ModelSpec.default(() => SharedBottomSpec.parse({ kind: 'shared-bottom' })),
  training: TrainingSpec.default(() => TrainingSpec.parse({})),
  /** Optional: measure task affinity while training and report it as snapshots. */
  affinity: AffinitySpec.optional(),
}).superRefine((spec, ctx) => {
  // A branched model's tree must cover exactly the dataset's tasks (when the spec says how many).
  if (spec.model.kind !== 'branched' || !('numTasks' in spec.dataset)) return;
  const covered = spec.model.layers[0]?.flat().length ?? 0;
  if (covered !== spec.dataset.numTasks) {
    ctx.addIssue({ code: 'custom', path: ['model', 'layers'], message: `the tree covers ${covered} tasks but dataset.numTasks is ${spec.dataset.numTasks}` });
  }
});
export type ExperimentSpec = z.infer<typeof ExperimentSpec>;
/** What a person or a file may write: every field with a default is optional. */
export type ExperimentSpecInput = z.input<typeof ExperimentSpec>;

export type SpecResult =
  | { ok: true; spec: ExperimentSpec }
  | { ok: false; errors: string[] };

/** Validates untrusted input; each error names the field path, e.g. "training.steps: …". */
export function parseSpec(input: unknown): SpecResult {
  const result = ExperimentSpec.safeParse(input);
  if (result.success) return { ok: true, spec: result.data };
  const errors = result.error.issues.map((issue) => {
    const path = issue.path.length ? issue.path.join('.') : '(spec)';
    return `${path}: ${issue.message}`;
  });
  return { ok: false, errors };
}

// ---- Run events: what the engine reports (worker → UI, and engine → CLI/tests) ----

export interface AdapterInfo {
  vendor: string;
  architecture: string;
  description: string;
  /** True for a software rasteriser such as SwiftShader: correct but slow. */
  isSoftware: boolean;
}

export interface BackendReport {
  backend: BackendName;
  adapter?: AdapterInfo;
  /** Why each preferred backend before the chosen one was skipped. */
  fallbacks: { backend: BackendName; reason: string }[];
}

export interface RunInfo {
  taskNames: string[];
  /** Planted group of each task, when the dataset has one. */
  plantedGroups?: number[];
  totalSteps: number;
  numParams: number;
  /** Name of the per-task quality score in the final results ("R²", "accuracy"). */
  scoreName: string;
}

/**
 * Per-step training losses for a run of consecutive steps: `losses` is step-major,
 * `losses[s * numTasks + t]` is task t's loss at step `firstStep + s`.
 */
export interface ProgressEvent {
  type: 'progress';
  firstStep: number;
  numSteps: number;
  numTasks: number;
  losses: Float32Array;
  stepsPerSecond: number;
}

export interface TaskResult {
  name: string;
  trainLoss: number;
  validationLoss: number;
  /** The model's quality score (see RunInfo.scoreName) on the validation split. */
  validationScore: number;
}

export interface DoneEvent {
  type: 'done';
  stepsRun: number;
  seconds: number;
  stopped: boolean;
  tasks: TaskResult[];
}

/**
 * Task affinity measured so far: the mean over all measurements up to `step` (raw, not
 * symmetrised). `matrix[i * numTasks + j]` is the affinity of source task i onto target task j.
 */
export interface AffinitySnapshotEvent {
  type: 'snapshot';
  kind: 'affinity';
  step: number;
  method: 'lookahead' | 'cosine';
  numTasks: number;
  matrix: Float32Array;
}

export type RunEvent =
  | ({ type: 'ready' } & BackendReport)
  | ({ type: 'started' } & RunInfo)
  | ProgressEvent
  | AffinitySnapshotEvent
  | { type: 'status'; state: 'paused' | 'running' }
  | DoneEvent
  | { type: 'error'; message: string };

export type FromWorker = RunEvent;

export type ToWorker =
  | { type: 'start'; spec: unknown; wasmPaths?: Record<string, string> }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' };

/** Typed arrays in an event, to pass in postMessage's transfer list instead of copying. */
export function transferablesOf(event: RunEvent): Transferable[] {
  if (event.type === 'progress') return [event.losses.buffer as ArrayBuffer];
  if (event.type === 'snapshot') return [event.matrix.buffer as ArrayBuffer];
  return [];
}
