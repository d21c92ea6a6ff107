// The notebook document: a title and an ordered list of cells. One zod schema validates it at every
// door (file import, share link, IndexedDB load), so nothing unchecked reaches the store or a worker.
// Text fields are plain strings: the UI renders them sanitised, they never carry code.
import { z } from 'zod';
import { ExperimentSpec, InlineTable } from '../protocol/index.ts';
import { BranchTree, SetupComparison } from '../protocol/branchTree.ts';
import { SharedRun } from './sharedRun.ts';

/** Stable per-cell id: survives moves, files and links; a duplicate gets a fresh one. */
export const CellId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'cell ids are 1–64 letters, digits, "_" or "-"');
export type CellId = z.infer<typeof CellId>;

const title = z.string().max(200).optional();

export const MarkdownCell = z.object({
  id: CellId,
  kind: z.literal('markdown'),
  title,
  /** Markdown with $…$ math; rendered sanitised. */
  text: z.string().max(100_000),
});

/** Column roles chosen in the role dialog; experiments that use the dataset start from these. */
export const ColumnRoles = z.object({
  inputs: z.array(z.string().max(200)).max(1000),
  targets: z.array(z.string().max(200)).max(64),
  taskColumn: z.string().max(200).optional(),
});

/**
 * Where a dataset cell's rows are. builtin: shipped with the app. inline: embedded in the document
 * (small tables; share links keep them up to LINK_LIMITS.embedBytes). external: too big to embed, so
 * only named: the app keeps the rows itself and asks for the file when they are missing.
 */
export const DatasetSource = z.discriminatedUnion('type', [
  z.object({ type: z.literal('builtin'), name: z.string().min(1).max(200) }),
  z.object({ type: z.literal('inline'), fileName: z.string().max(500).optional(), table: InlineTable }),
  z.object({
    type: z.literal('external'),
    fileName: z.string().max(500),
    sizeBytes: z.number().int().min(0).optional(),
    numRows: z.number().int().min(0).optional(),
    columns: z.array(z.string().max(200)).max(1000).optional(),
  }),
]);
export type DatasetSource = z.infer<typeof DatasetSource>;

export const DatasetCell = z.object({
  id: CellId,
  kind: z.literal('dataset'),
  title,
  /** The name experiments use in `dataset: {kind: "table", table: name}`. */
  name: z.string().min(1).max(200),
  source: DatasetSource,
  roles: ColumnRoles.optional(),
});

export const ExperimentCell = z.object({
  id: CellId,
  kind: z.literal('experiment'),
  title,
  /** Stored complete (defaults filled in), so a link re-runs to the same numbers even if defaults change. */
  spec: ExperimentSpec,
});

export const CHART_KINDS = [
  'curves',
  'metrics',
  'affinity',
  'tree',
  'routing',
  'unlearning',
  'knockout',
  'health',
] as const;

/** A chart bound to the latest run of an experiment cell, or to one recorded run. */
export const ViewBinding = z.discriminatedUnion('type', [
  z.object({ type: z.literal('cell'), cellId: CellId }),
  z.object({ type: z.literal('run'), runId: z.string().min(1).max(200) }),
]);

export const ViewCell = z.object({
  id: CellId,
  kind: z.literal('view'),
  title,
  chart: z.enum(CHART_KINDS),
  source: ViewBinding,
  /** A tree view's finished branching search, and its set-up comparison. */
  tree: BranchTree.optional(),
  comparison: SetupComparison.optional(),
});

export const CompareCell = z.object({
  id: CellId,
  kind: z.literal('compare'),
  title,
  runIds: z.array(z.string().min(1).max(200)).max(100),
  /** What is overlaid: per-task losses or final scores; seeds of one spec are drawn as mean ± std. */
  metric: z.enum(['loss', 'score']).default('loss'),
});

/** Sample traces shipped in public/traces/, named by path relative to the site (no folders, no "..")). */
export const SAMPLE_TRACE_PATH = /^traces\/[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$/;

/**
 * Which trace a trace cell analyses. The file itself never goes into the document (traces are large):
 * a 'file' source only names it, and the person opening the notebook is asked for it again.
 */
export const TraceSource = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('sample'),
    path: z.string().regex(SAMPLE_TRACE_PATH, 'a shipped sample trace is "traces/<file name>"'),
  }),
  z.object({ type: z.literal('file'), fileName: z.string().max(500), sizeBytes: z.number().int().min(0).optional() }),
]);
export type TraceSource = z.infer<typeof TraceSource>;

export const TraceCell = z.object({
  id: CellId,
  kind: z.literal('trace'),
  title,
  /** Absent until a file is dropped or the sample is chosen. */
  source: TraceSource.optional(),
  /** SRP window lengths m, also the SCH look-aheads L (ALGORITHMS.md §0 `routing --segments`). */
  segments: z.array(z.number().int().min(1).max(4096)).min(1).max(12).default([4, 16, 64]),
});

/** A value a sweep gives a setting: a number, or an option's name. */
export const SweepValue = z.union([z.number(), z.string().max(100)]);

/** One swept setting: a spec path such as "training.learningRate" and the values it takes. */
export const SweepAxis = z.object({
  path: z
    .string()
    .regex(/^(dataset|model|training)\.[A-Za-z]{1,64}$/, 'a sweep sets a field of dataset, model or training'),
  values: z.array(SweepValue).min(1).max(20),
});

/**
 * A sweep over an experiment: N seeds of every combination of up to two settings, as one action.
 * `runs` records which run trained which combination and seed.
 */
export const SweepCell = z.object({
  id: CellId,
  kind: z.literal('sweep'),
  title,
  experimentId: CellId,
  seeds: z.number().int().min(1).max(50).default(3),
  axes: z.array(SweepAxis).max(2).default([]),
  metric: z.enum(['validationScore', 'validationLoss']).default('validationScore'),
  runs: z
    .array(z.object({ runId: z.string().min(1).max(200), seed: z.number().int(), values: z.array(SweepValue).max(2) }))
    .max(1000)
    .default([]),
});

export const Cell = z.discriminatedUnion('kind', [
  MarkdownCell,
  DatasetCell,
  ExperimentCell,
  ViewCell,
  CompareCell,
  TraceCell,
  SweepCell,
]);
export type Cell = z.infer<typeof Cell>;
export type CellKind = Cell['kind'];
export type CellOf<K extends CellKind> = Extract<Cell, { kind: K }>;

export const MAX_CELLS = 500;

/** Presenter-mode settings a teacher saves with the notebook (and so in its share link). */
export const Presentation = z.object({
  /** Ids of controls hidden in presenter mode (see PRESENTER_CONTROLS in src/ui/presenter/). */
  hiddenControls: z.array(z.string().max(64)).max(64).default([]),
});
export type Presentation = z.infer<typeof Presentation>;

export const Notebook = z
  .object({
    title: z.string().max(200),
    cells: z.array(Cell).max(MAX_CELLS),
    presentation: Presentation.optional(),
    /** Finished runs saved with the notebook (Save file / link "with results"); taken out when it opens. */
    results: z.array(SharedRun).max(200).optional(),
  })
  .superRefine((notebook, ctx) => {
    const seen = new Set<string>();
    notebook.cells.forEach((cell, i) => {
      if (seen.has(cell.id))
        ctx.addIssue({ code: 'custom', path: ['cells', i, 'id'], message: `duplicate cell id "${cell.id}"` });
      seen.add(cell.id);
    });
  });
export type Notebook = z.infer<typeof Notebook>;
export type NotebookInput = z.input<typeof Notebook>;

export type NotebookResult = { ok: true; notebook: Notebook } | { ok: false; error: string };

/** Validates untrusted input; the message names the field path of each problem (at most five). */
export function parseNotebook(input: unknown): NotebookResult {
  const result = Notebook.safeParse(input);
  if (result.success) return { ok: true, notebook: result.data };
  const issues = result.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(notebook)'}: ${issue.message}`);
  const more = result.error.issues.length > 5 ? `\n… and ${result.error.issues.length - 5} more problems` : '';
  return { ok: false, error: `Invalid notebook:\n${issues.join('\n')}${more}` };
}
