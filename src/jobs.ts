// Computations the page asks a worker for that are not a training run: grouping a matrix,
// searching a branching tree, analysing a routing trace, parsing a dropped file… Each job kind
// declares its input, its progress messages and its result here, the one place both threads read.
// Add a kind: extend JobInputs/JobProgress/JobResults, then register a handler in src/engine/jobs/.
import type { ExperimentSpec } from './protocol.ts';

/** Partition of tasks into groups, with the average-density objective (ALGORITHMS.md Part 1 §4.1). */
export interface GroupJobResult {
  assignment: number[];
  groups: number[][];
  objective: number;
  seconds: number;
  /** Present when k was chosen automatically: why that k. */
  explanation?: string;
}

/** An affinity matrix computed on demand, not during a run (ALGORITHMS.md Part 1 §3). */
export interface AffinityJobResult {
  method: 'gradtag' | 'bruteforce';
  tasks: string[];
  /** Row-major n×n, [i * n + j] = source task i onto target task j. */
  matrix: number[];
  cost: { passes: number; seconds: number };
  plantedGroups?: number[];
}

export interface JobInputs {
  /** Group tasks by a (square) affinity matrix; k 'auto' chooses the number of groups. */
  group: { matrix: number[][]; k: number | 'auto'; method: 'sdp' | 'exhaustive' | 'spectral'; seed?: number };
  /** Grad-TAG estimate or brute-force truth for a spec (the same data, model and seeds as its run). */
  affinity: { spec: ExperimentSpec; method: 'gradtag' | 'bruteforce' };
}

export interface JobProgress {
  group: never;
  /** Subsets (singles and pairs) finished of `total`; done 0 once the meta-initialisation is trained. */
  affinity: { done: number; total: number };
}

export interface JobResults {
  group: GroupJobResult;
  affinity: AffinityJobResult;
}

export type JobKind = keyof JobInputs;

export type ToJobWorker = { [K in JobKind]: { type: 'run'; kind: K; input: JobInputs[K] } }[JobKind];

export type FromJobWorker =
  | { type: 'progress'; progress: JobProgress[JobKind] }
  | { type: 'result'; result: JobResults[JobKind] }
  | { type: 'error'; message: string };
