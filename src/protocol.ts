// The only types that cross the worker boundary, plus the ExperimentSpec schema that every
// entry point (worker, CLI, URL, UI, files) validates with before anything runs.
import { z } from 'zod';
import { healthBuffers, HomeSpec, TaskExpertSpec, type HealthSnapshotEvent } from './protocolHealth.ts';

export * from './protocolHealth.ts';

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
  /** Share of rows that carry each task's label (one per task; absent: all). 0.02 makes a data-sparse task. */
  labelShares: z.array(z.number().gt(0).max(1)).max(64).optional(),
  /** Inputs |z| instead of z (non-negative, like counts or ReLU embeddings in recommender features). */
  nonNegativeInputs: z.boolean().optional(),
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

/**
 * Multi-domain character-level text for the MoE language model. The engine cannot fetch: the worker
 * loads the named built-in domains (public/corpus) and passes their text in, or the spec carries `texts`.
 */
export const TextDatasetSpec = z.object({
  kind: z.literal('text'),
  /** Built-in corpus domains (public/corpus/index.json) or keys of `texts`; each becomes one "task". */
  domains: z.array(z.string().min(1).max(100)).min(1).max(16).default(['prose', 'code', 'numbers']),
  /** Inline text by domain name (tests, the CLI, user text); overrides the built-in files. */
  texts: z.record(z.string(), z.string().max(5_000_000)).optional(),
  /** Characters per training window (the model's context length). */
  windowLength: int(2, 256).default(32),
  /** Windows drawn (seeded) from the domains, split into training and validation. */
  numSamples: int(8, 200_000).default(512),
});
export type TextDatasetSpec = z.infer<typeof TextDatasetSpec>;

/** CLRS-lite graph-algorithm tasks; definitions in src/engine/data/clrsTasks.ts. */
export const CLRS_TASKS = ['bfs-reach', 'bfs-hops', 'sp-dist', 'sp-tree', 'components', 'mst', 'topo-order'] as const;
export type ClrsTaskName = (typeof CLRS_TASKS)[number];

/** A number or an inclusive [min, max] range; a single number means min = max. */
const range = (item: z.ZodNumber, fallback: [number, number]) =>
  z
    .union([item, z.tuple([item, item])])
    .transform((value): [number, number] => (typeof value === 'number' ? [value, value] : value))
    .refine(([min, max]) => min <= max, 'range must be [min, max] with min ≤ max')
    .default(fallback);

export const ClrsLiteDatasetSpec = z.object({
  kind: z.literal('clrs-lite'),
  numGraphs: int(8, 100_000).default(1500),
  /** Nodes per graph, drawn uniformly from the range; graphs are padded to the maximum. */
  numNodes: range(int(2, 32), [8, 12]),
  /** Erdős–Rényi edge probability, drawn uniformly from the range once per graph. */
  edgeProbability: range(z.number().min(0).max(1), [0.1, 0.35]),
  /** Fraction of graphs whose components are joined into one; the rest may be disconnected. */
  connectedFraction: z.number().min(0).max(1).default(0.5),
  tasks: z
    .array(z.enum(CLRS_TASKS))
    .min(1)
    .refine((tasks) => new Set(tasks).size === tasks.length, 'each task at most once')
    .default([...CLRS_TASKS]),
});

export const DatasetSpec = z.discriminatedUnion('kind', [PlantedDatasetSpec, TableDatasetSpec, ClrsLiteDatasetSpec, TextDatasetSpec]);
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

export const ModelSpec = z.discriminatedUnion('kind', [SharedBottomSpec, BranchedSpec, MmoeSpec, PleSpec, GnnSpec, MoeLmSpec, HomeSpec, TaskExpertSpec]);
export type ModelSpec = z.infer<typeof ModelSpec>;

export const TrainingSpec = z.object({
  steps: int(1, 1_000_000).default(300),
  batchSize: int(1, 65_536).default(64),
  learningRate: z.number().positive().max(10).default(0.005),
  optimizer: z.enum(['adam', 'sgd', 'momentum']).default('adam'),
  /** Fraction of samples held out for validation metrics. */
  validationFraction: z.number().min(0).max(0.9).default(0.2),
  // The four below are optional, not defaulted: absent means off, so specs (and share links) that
  // do not use them stay as short as before.
  /** After warm-up: a constant learning rate (absent) or cosine decay towards 0 at the last step. */
  schedule: z.enum(['constant', 'cosine']).optional(),
  /** Steps over which the learning rate rises linearly from lr/warmupSteps to lr (absent: none). */
  warmupSteps: int(0, 1_000_000).optional(),
  /** Decoupled weight decay (AdamW-style): every step shrinks each weight by lr·weightDecay of itself. */
  weightDecay: z.number().min(0).max(1).optional(),
  /** Largest global gradient norm; larger gradients are scaled down to it (absent or 0: no clipping). */
  gradClipNorm: z.number().min(0).max(1e6).optional(),
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

/** UOE unlearning of one domain of the MoE language model, or its all-parameter baseline (issue 9). */
export const UnlearnSpec = z.object({
  /** Name of the domain to forget. */
  forget: z.string().min(1).max(200),
  scope: z.enum(['uoe', 'uoe-retain', 'full']).default('uoe'),
  objective: z.enum(['ga', 'npo']).default('npo'),
  steps: int(1, 10_000).default(20),
  learningRate: z.number().positive().max(10).default(3e-3),
  npoBeta: z.number().positive().max(10).default(0.1),
  /** Router anchor weight (UOE only; 0 turns it off). */
  anchorWeight: z.number().min(0).max(100).default(1),
  /** Retain-side anchor weight (scope 'uoe-retain'): KL of the target layer's router on retained tokens to its state before. */
  retainAnchorWeight: z.number().min(0).max(1000).default(100),
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
  // The language model reads text windows, and text windows need the language model.
  if ((spec.model.kind === 'moe-lm') !== (spec.dataset.kind === 'text')) {
    const message = spec.model.kind === 'moe-lm' ? 'the moe-lm model needs a text dataset' : `a text dataset needs the moe-lm model, not ${spec.model.kind}`;
    ctx.addIssue({ code: 'custom', path: ['model', 'kind'], message });
  }
  if (spec.model.kind === 'moe-lm' && spec.model.dModel % spec.model.numHeads !== 0) {
    ctx.addIssue({ code: 'custom', path: ['model', 'numHeads'], message: `dModel ${spec.model.dModel} is not a multiple of numHeads ${spec.model.numHeads}` });
  }
  if (spec.dataset.kind === 'planted' && spec.dataset.labelShares && spec.dataset.labelShares.length !== spec.dataset.numTasks) {
    ctx.addIssue({ code: 'custom', path: ['dataset', 'labelShares'], message: `${spec.dataset.labelShares.length} label shares for ${spec.dataset.numTasks} tasks` });
  }
  if (spec.model.kind === 'home' && spec.model.categories && 'numTasks' in spec.dataset && spec.model.categories.length !== spec.dataset.numTasks) {
    ctx.addIssue({ code: 'custom', path: ['model', 'categories'], message: `${spec.model.categories.length} categories for ${spec.dataset.numTasks} tasks` });
  }
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
  /** On wasm: threads tfjs runs, and whether the page is cross-origin isolated (needed for more than one). */
  wasmThreads?: { count: number; isolated: boolean };
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
  /** CompeteSMoE runs: how many training steps were competition steps (seeded schedule). */
  competitionSteps?: number;
  /** Sentences for the user about a run that finished but probably went wrong (a loss that rose, a constant target). */
  warnings?: string[];
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

/** One MoE layer (or multitask gate level) in a routing snapshot. */
export interface RoutingLayerSnapshot {
  /** [E] share of the layer's expert activations (gate-weighted for dense gates); sums to 1. */
  load: Float32Array;
  /** Coefficient of variation of `load` (0 = balanced). */
  loadCV: number;
  /** Mean router entropy over probe tokens / ln E (0 = one expert, 1 = uniform). */
  entropy: number;
  /** Share of chosen (token, expert) pairs that capacity dropped. */
  dropRate: number;
  /** [groups × E] row-normalised usage: task × expert (multitask gates) or domain × expert (LM). */
  usage: Float32Array;
  /** Sequence models: SRP per segment length (`segments`), NaN where undefined. */
  srp?: Float32Array;
  /** Sequence models: SCH hit rate [segments × E], row i = look-ahead segments[i], column C−1 = cache size C. */
  sch?: Float32Array;
  /** Share of probe tokens whose expert set changed since the previous snapshot (absent on the first). */
  changed?: number;
}

/** Per-token routing of a few probe sequences, for the token strip (sequence models only). */
export interface RoutingSample {
  /** The characters of each sequence. */
  texts: string[];
  /** Domain of each sequence. */
  domains: string[];
  /** [layers × sequences × length] top expert of each token (−1: no expert). */
  topExpert: Int32Array;
  length: number;
}

/**
 * Routing of the model on a fixed probe batch at `step` (ALGORITHMS.md Part 2 §1–§2). Typed arrays
 * only, so it can be transferred. Multitask gates report one "layer" (PLE: its last level).
 */
export interface RoutingSnapshotEvent {
  type: 'snapshot';
  kind: 'routing';
  step: number;
  numExperts: number;
  expertNames: string[];
  groupKind: 'task' | 'domain';
  groupNames: string[];
  layers: RoutingLayerSnapshot[];
  /** Segment lengths m (SRP) and look-aheads L (SCH), sequence models only. */
  segments?: number[];
  /** [(layers−1) × E × E] P(expert b at layer l+1 | expert a at layer l). */
  interLayer?: Float32Array;
  /** [layers−1] inter-layer affinity of each adjacent pair: mean_a max_b P(b at l+1 | a at l), in [0, 1] at any k (1: each expert's tokens all go on to one same expert). */
  interLayerPeak?: Float32Array;
  sample?: RoutingSample;
}

export type SnapshotEvent = AffinitySnapshotEvent | RoutingSnapshotEvent | HealthSnapshotEvent;

export type RunEvent =
  | ({ type: 'ready' } & BackendReport)
  | ({ type: 'started' } & RunInfo)
  | ProgressEvent
  | AffinitySnapshotEvent
  | RoutingSnapshotEvent
  | HealthSnapshotEvent
  // 'stopped': training halted on a Stop; the final validation and `done` follow.
  | { type: 'status'; state: 'paused' | 'running' | 'stopped' }
  | DoneEvent
  | { type: 'error'; message: string };

export type FromWorker = RunEvent;

/** A user's table file sent to the training worker, which parses it; a spec names it by `table`. */
export interface TableFile {
  fileName: string;
  bytes: ArrayBuffer;
}

export type ToWorker =
  | { type: 'start'; spec: unknown; wasmPaths?: Record<string, string>; tables?: Record<string, TableFile>; /** Absolute URL of public/corpus/ (text datasets). */ corpusUrl?: string }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' };

/** Typed arrays in an event, to pass in postMessage's transfer list instead of copying. */
export function transferablesOf(event: RunEvent): Transferable[] {
  if (event.type === 'progress') return [event.losses.buffer as ArrayBuffer];
  if (event.type === 'snapshot' && event.kind === 'affinity') return [event.matrix.buffer as ArrayBuffer];
  if (event.type === 'snapshot' && event.kind === 'routing') return routingBuffers(event);
  if (event.type === 'snapshot' && event.kind === 'health') return healthBuffers(event);
  return [];
}

/** Distinct buffers of a routing snapshot (a buffer listed twice would make postMessage throw). */
function routingBuffers(event: RoutingSnapshotEvent): Transferable[] {
  const arrays: (ArrayBufferView | undefined)[] = [event.interLayer, event.interLayerPeak, event.sample?.topExpert];
  for (const layer of event.layers) arrays.push(layer.load, layer.usage, layer.srp, layer.sch);
  return [...new Set(arrays.filter((a) => a !== undefined).map((a) => a!.buffer as ArrayBuffer))];
}
