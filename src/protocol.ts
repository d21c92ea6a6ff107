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

export const DatasetSpec = z.discriminatedUnion('kind', [PlantedDatasetSpec]);
export type DatasetSpec = z.infer<typeof DatasetSpec>;

export const SharedBottomSpec = z.object({
  kind: z.literal('shared-bottom'),
  /** Widths of the shared trunk's hidden layers. */
  hidden: z.array(int(1, 4096)).min(1).max(8).default([64, 64]),
  activation: z.enum(['relu', 'tanh', 'gelu']).default('relu'),
});

export const ModelSpec = z.discriminatedUnion('kind', [SharedBottomSpec]);
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

export const ExperimentSpec = z.object({
  name: z.string().max(200).default('Planted clusters'),
  seed: int(0, 2 ** 31 - 1).default(1),
  backend: BackendChoice.default('auto'),
  dataset: DatasetSpec.default(() => PlantedDatasetSpec.parse({ kind: 'planted' })),
  model: ModelSpec.default(() => SharedBottomSpec.parse({ kind: 'shared-bottom' })),
  training: TrainingSpec.default(() => TrainingSpec.parse({})),
  /** Optional: measure task affinity while training and report it as snapshots. */
  affinity: AffinitySpec.optional(),
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
