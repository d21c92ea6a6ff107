// Dataset specs: the planted-cluster generator, a user's table, CLRS-lite graph tasks, multi-domain text.
import { z } from 'zod';
import { int } from './numbers.ts';

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

export const DatasetSpec = z.discriminatedUnion('kind', [
  PlantedDatasetSpec,
  TableDatasetSpec,
  ClrsLiteDatasetSpec,
  TextDatasetSpec,
]);
export type DatasetSpec = z.infer<typeof DatasetSpec>;
