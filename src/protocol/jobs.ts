// Computations the page asks a worker for that are not a training run: grouping a matrix,
// searching a branching tree, analysing a routing trace, parsing a dropped file… Each job kind
// declares its input, its progress messages and its result here, the one place both threads read.
// Add a kind: extend JobInputs/JobProgress/JobResults, then register a handler in src/engine/jobs/.
import type { BranchTree, BranchTreeNode, SetupComparison, SetupResult } from './branchTree.ts';
import type { InlineTable } from './dataset.ts';
import type { ExperimentSpec, KnockoutSpec, UnlearnSpec } from './spec.ts';
import type { TableFile } from './messages.ts';
import type { BackendTiming, BenchmarkResult } from './backend.ts';
import type { BackendReport } from './events.ts';
import type { LayerReport, RoutingReport, TablePreview, UnlearnReport } from './reports.ts';

/** Partition of tasks into groups, with the average-density objective (ALGORITHMS.md Part 1 §4.1). */
export interface GroupJobResult {
  assignment: number[];
  groups: number[][];
  objective: number;
  seconds: number;
  /** Present when k was chosen automatically: why that k. */
  explanation?: string;
}

// ---- analyseTrace: the routing statistics of a trace file (ALGORITHMS.md §0 `routing` output) ----

/** A dropped or picked file (a File is a Blob; both clone into a worker), or an absolute URL of a shipped sample. */
export type TraceJobSource = { type: 'blob'; blob: Blob; name: string } | { type: 'url'; url: string; name: string };

/** Segment lengths one analysis takes (the trace cell's schema uses the same numbers). */
export const TRACE_SEGMENT_LIMITS = { count: 12, maxLength: 4096 } as const;

export interface TraceJobProgress {
  phase: 'reading' | 'analysing';
  bytesRead: number;
  /** Null when the size is unknown (a URL without Content-Length). */
  totalBytes: number | null;
  /** While analysing: layers finished of all layers, and how many workers compute them. */
  layers?: { done: number; total: number; workers: number };
}

/** A trace's statistics as the page reads them: the engine's report without the SRP details. */
export type TraceStats = Omit<RoutingReport, 'layers' | 'model'> & {
  layers: Omit<LayerReport, 'srpDetail'>[];
  model: { srp: RoutingReport['model']['srp'] };
};

export interface TraceJobResult {
  name: string;
  bytes: number;
  /** Whole job: reading, parsing and statistics. */
  seconds: number;
  stats: TraceStats;
}
/** The largest table file the lab reads (the engine's TABLE_LIMITS.maxBytes; a test keeps them equal). */
export const MAX_TABLE_FILE_BYTES = 100 * 1024 * 1024;

/** Where a table to preview comes from: a dropped file's bytes, a built-in table, or inline rows. */
export type TableSource =
  | { type: 'file'; fileName: string; bytes: ArrayBuffer }
  | { type: 'builtin'; name: string }
  | { type: 'inline'; name: string; table: InlineTable };

/** A table file's parse so far: characters of its text (CSV, TSV, JSON) or rows read (Parquet, per row group). */
export interface ParseTableProgress {
  done: number;
  total: number;
  unit: 'characters' | 'rows';
}

/** A PyTorch export so far: reading a table file (characters or rows), then compressing files into the zip. */
export type ExportProgress =
  ({ stage: 'reading'; fileName: string } & ParseTableProgress) | { stage: 'zipping'; done: number; total: number };

/** A parsed table for the column-role dialog; `inline` is the whole table when it fits `inlineLimit`. */
export type ParseTableJobResult =
  { ok: true; preview: TablePreview; inline?: InlineTable; inlineChars?: number } | { ok: false; error: string };

/** An affinity matrix computed on demand, not during a run (ALGORITHMS.md Part 1 §3). */
export interface AffinityJobResult {
  method: 'gradtag' | 'bruteforce';
  tasks: string[];
  /** Row-major n×n, [i * n + j] = source task i onto target task j. */
  matrix: number[];
  cost: { passes: number; seconds: number };
  plantedGroups?: number[];
}

// ---- unlearn / knockout: interventions on the experts of a run's MoE language model (issue 9) ----
// Both jobs retrain a copy of the run from its spec (same spec, seed and backend ⇒ same model) and
// study that copy; the run itself is never changed.

/** Retraining the copy, then (unlearn) each method's steps with the forget-set loss before the update. */
export type MoeCopyProgress = { phase: 'training'; step: number; totalSteps: number };
export type UnlearnJobProgress =
  | MoeCopyProgress
  | { phase: 'unlearning'; scope: 'uoe' | 'uoe-retain' | 'full'; step: number; totalSteps: number; forgetLoss: number };
export type KnockoutJobProgress = MoeCopyProgress | { phase: 'knockout'; done: number; total: number };

/**
 * One unlearning method's outcome (UOE or the full-model baseline), from the same starting weights: the
 * engine's report less what the job reports once, with `forgetCurve` = the forget-set loss before each
 * step and after the last update (one point fewer when it diverged).
 */
export type UnlearnMethodResult = Omit<
  UnlearnReport,
  'objective' | 'forgetDomain' | 'attribution' | 'target' | 'history'
> & { forgetCurve: number[] };

export interface UnlearnJobResult {
  forget: string;
  domains: string[];
  numLayers: number;
  numExperts: number;
  /** The attributed (layer, expert): most engaged on the forget domain (routing frequency × gate). */
  target: { layer: number; expert: number };
  /** attribution[l][e]: the expert's mean gate mass on forget tokens. */
  attribution: number[][];
  objective: 'ga' | 'npo';
  steps: number;
  learningRate: number;
  /** The divergence limit on the forget loss (nats per character). */
  maxLoss: number;
  uoe: UnlearnMethodResult;
  /** UOE with the retain-side router anchor (the retained domains' routing kept too). */
  uoeRetain: UnlearnMethodResult;
  full: UnlearnMethodResult;
  /** Retraining the copy, and both unlearning runs. */
  seconds: { training: number; unlearning: number };
}

export interface KnockoutRow {
  label: string;
  experts: { layer: number; expert: number }[];
  /** [domains] loss with these experts knocked out − the intact model's. */
  delta: number[];
}

export interface KnockoutJobResult {
  domains: string[];
  numLayers: number;
  numExperts: number;
  /** [domains] loss of the intact model. */
  baseline: number[];
  /** One row per picked expert, then (with several picked) one for all of them together. */
  rows: KnockoutRow[];
  seconds: { training: number; knockout: number };
}

export interface JobInputs {
  /** Group tasks by a (square) affinity matrix; k 'auto' chooses the number of groups. */
  group: { matrix: number[][]; k: number | 'auto'; method: 'sdp' | 'exhaustive' | 'spectral'; seed?: number };
  /** AutoBRANE search of a tree of `depth` layers with at most `arity` children per block, for a spec's data. */
  branch: { spec: unknown; depth: number; arity: number; warmSteps?: number };
  /** Train single-task, all-shared, SDP-group and searched-tree set-ups of a spec, and compare them. */
  'compare-setups': { spec: unknown; tree: BranchTree };
  /** Stream, parse and analyse a routing trace (docs/routing-trace-format.md) with SRP/SCH at these segment lengths. */
  analyseTrace: { source: TraceJobSource; segments: number[] };
  /** Parse and preview a table; `inlineLimit`: largest JSON size (chars) of rows worth embedding. */
  parseTable: { source: TableSource; previewRows?: number; inlineLimit?: number };
  /** Grad-TAG estimate or brute-force truth for a spec (the same data, model and seeds as its run). */
  affinity: { spec: ExperimentSpec; method: 'gradtag' | 'bruteforce' };
  /** The automatic backend choice's warm benchmark (src/shared/backendChoice.ts). */
  benchmark: { warmupSteps?: number; timedSteps?: number };
  /** UOE and full-model unlearning of one domain, on a retrained copy of an moe-lm run (`spec`, its stepsRun). */
  unlearn: {
    spec: ExperimentSpec;
    unlearn: Pick<UnlearnSpec, 'forget'> & Partial<Omit<UnlearnSpec, 'scope' | 'forget'>>;
  };
  /** Δloss per domain when experts are knocked out (an empty list: every expert, one at a time). */
  knockout: { spec: ExperimentSpec; knockout: Partial<KnockoutSpec> };
  /** A standalone PyTorch project of the experiment (ALGORITHMS.md §0 `export`), zipped; `tables`: its big table's file. */
  exportProject: { spec: ExperimentSpec; tables?: Record<string, TableFile> };
}

/**
 * An on-demand affinity's progress: stage `stage` of `stages` (Grad-TAG: train θ*, per-sample
 * gradients, subsets; truth: train θ*, single tasks, subsets), `done` of `total` units of that stage.
 */
export interface AffinityProgress {
  stage: number;
  stages: number;
  label: string;
  done: number;
  total: number;
  /** The whole job's seconds at its own pace (timed on stage 1), once known; and the seconds it has run. */
  estimatedSeconds?: number;
  elapsedSeconds?: number;
}

export interface JobProgress {
  group: never;
  branch:
    | { type: 'started'; taskNames: string[]; depth: number; arity: number }
    | { type: 'measuring'; layer: number; tasks: number[] }
    | { type: 'node'; node: BranchTreeNode };
  'compare-setups': { type: 'stage'; message: string } | { type: 'setup'; result: SetupResult };
  analyseTrace: TraceJobProgress;
  /** About every MB of text, or after each Parquet row group. */
  parseTable: ParseTableProgress;
  affinity: AffinityProgress;
  benchmark: BackendTiming;
  unlearn: UnlearnJobProgress;
  knockout: KnockoutJobProgress;
  exportProject: ExportProgress;
}

export interface JobResults {
  group: GroupJobResult;
  branch: BranchTree;
  'compare-setups': SetupComparison;
  analyseTrace: TraceJobResult;
  parseTable: ParseTableJobResult;
  affinity: AffinityJobResult;
  benchmark: BenchmarkResult;
  unlearn: UnlearnJobResult;
  knockout: KnockoutJobResult;
  exportProject: { fileName: string; zip: Uint8Array };
}

export type JobKind = keyof JobInputs;

export type ToJobWorker = { [K in JobKind]: { type: 'run'; kind: K; input: JobInputs[K] } }[JobKind];

export type FromJobWorker =
  | { type: 'progress'; progress: JobProgress[JobKind] }
  | { type: 'result'; result: JobResults[JobKind] }
  | { type: 'error'; message: string }
  // Which backend the job's computation runs on and why any preferred one was skipped (sent once it starts).
  | { type: 'backend'; backend: BackendReport };
