// Run events: what the engine reports (worker → UI, and engine → CLI/tests), and the buffers
// they hand over in postMessage's transfer list.
import type { BackendName } from './backend.ts';
import { healthBuffers, type HealthSnapshotEvent } from './health.ts';

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
