// Computations the page asks a worker for that are not a training run: grouping a matrix,
// searching a branching tree, analysing a routing trace, parsing a dropped file… Each job kind
// declares its input, its progress messages and its result here, the one place both threads read.
// Add a kind: extend JobInputs/JobProgress/JobResults, then register a handler in src/engine/jobs/.
import type { InlineTable } from './protocol.ts';
// Type-only: erased at build time, so the page bundle gains no engine code.
import type { ColumnPreview, TablePreview } from './engine/data/table/preview.ts';

export type { ColumnPreview, TablePreview };

/** Partition of tasks into groups, with the average-density objective (ALGORITHMS.md Part 1 §4.1). */
export interface GroupJobResult {
  assignment: number[];
  groups: number[][];
  objective: number;
  seconds: number;
  /** Present when k was chosen automatically: why that k. */
  explanation?: string;
}

/** The largest table file the lab reads (the engine's TABLE_LIMITS.maxBytes; a test keeps them equal). */
export const MAX_TABLE_FILE_BYTES = 100 * 1024 * 1024;

/** Where a table to preview comes from: a dropped file's bytes, a built-in table, or inline rows. */
export type TableSource =
  | { type: 'file'; fileName: string; bytes: ArrayBuffer }
  | { type: 'builtin'; name: string }
  | { type: 'inline'; name: string; table: InlineTable };

/** A parsed table for the column-role dialog; `inline` is the whole table when it fits `inlineLimit`. */
export type ParseTableJobResult =
  | { ok: true; preview: TablePreview; inline?: InlineTable; inlineChars?: number }
  | { ok: false; error: string };

export interface JobInputs {
  /** Group tasks by a (square) affinity matrix; k 'auto' chooses the number of groups. */
  group: { matrix: number[][]; k: number | 'auto'; method: 'sdp' | 'exhaustive' | 'spectral'; seed?: number };
  /** Parse and preview a table; `inlineLimit`: largest JSON size (chars) of rows worth embedding. */
  parseTable: { source: TableSource; previewRows?: number; inlineLimit?: number };
}

export interface JobProgress {
  group: never;
  parseTable: never;
}

export interface JobResults {
  group: GroupJobResult;
  parseTable: ParseTableJobResult;
}

export type JobKind = keyof JobInputs;

export type ToJobWorker = { [K in JobKind]: { type: 'run'; kind: K; input: JobInputs[K] } }[JobKind];

export type FromJobWorker =
  | { type: 'progress'; progress: JobProgress[JobKind] }
  | { type: 'result'; result: JobResults[JobKind] }
  | { type: 'error'; message: string };
