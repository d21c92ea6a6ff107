// Computations the page asks a worker for that are not a training run: grouping a matrix,
// searching a branching tree, analysing a routing trace, parsing a dropped file… Each job kind
// declares its input, its progress messages and its result here, the one place both threads read.
// Add a kind: extend JobInputs/JobProgress/JobResults, then register a handler in src/engine/jobs/.

import type { BackendTiming, BenchmarkResult } from './backendChoice.ts';

/** Partition of tasks into groups, with the average-density objective (ALGORITHMS.md Part 1 §4.1). */
export interface GroupJobResult {
  assignment: number[];
  groups: number[][];
  objective: number;
  seconds: number;
  /** Present when k was chosen automatically: why that k. */
  explanation?: string;
}

export interface JobInputs {
  /** Group tasks by a (square) affinity matrix; k 'auto' chooses the number of groups. */
  group: { matrix: number[][]; k: number | 'auto'; method: 'sdp' | 'exhaustive' | 'spectral'; seed?: number };
  /** The automatic backend choice's warm benchmark (src/backendChoice.ts). */
  benchmark: { warmupSteps?: number; timedSteps?: number };
}

export interface JobProgress {
  group: never;
  benchmark: BackendTiming;
}

export interface JobResults {
  group: GroupJobResult;
  benchmark: BenchmarkResult;
}

export type JobKind = keyof JobInputs;

export type ToJobWorker = { [K in JobKind]: { type: 'run'; kind: K; input: JobInputs[K] } }[JobKind];

export type FromJobWorker =
  | { type: 'progress'; progress: JobProgress[JobKind] }
  | { type: 'result'; result: JobResults[JobKind] }
  | { type: 'error'; message: string };
