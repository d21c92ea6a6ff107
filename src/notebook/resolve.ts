// Before an experiment cell runs, a `table` dataset that names one of the notebook's dataset cells
// is made self-contained: inline rows are written into the spec, a built-in cell becomes the
// built-in's name. The worker then needs nothing but the spec.
import type { ExperimentSpec } from '../protocol/index.ts';
import type { Notebook } from './schema.ts';

export type ResolvedSpec =
  | { ok: true; spec: ExperimentSpec }
  /** `missing`: the external file the person must supply again (too big for the link or file). */
  | { ok: false; error: string; missing?: { cellId: string; fileName: string } };

export function resolveDatasetCells(spec: ExperimentSpec, notebook: Notebook): ResolvedSpec {
  const dataset = spec.dataset;
  if (dataset.kind !== 'table' || typeof dataset.table !== 'string') return { ok: true, spec };
  const cell = notebook.cells.find((c) => c.kind === 'dataset' && c.name === dataset.table);
  // Not a dataset cell: a built-in name, or one the caller supplies; the engine says if it is unknown.
  if (!cell || cell.kind !== 'dataset') return { ok: true, spec };
  const source = cell.source;
  switch (source.type) {
    case 'builtin':
      return { ok: true, spec: { ...spec, dataset: { ...dataset, table: source.name } } };
    case 'inline':
      return { ok: true, spec: { ...spec, dataset: { ...dataset, table: source.table } } };
    case 'external':
      return {
        ok: false,
        error: `dataset "${cell.name}" needs its file "${source.fileName}" again: its rows were too big to keep in the notebook`,
        missing: { cellId: cell.id, fileName: source.fileName },
      };
  }
}
