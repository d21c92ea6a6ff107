// What a training worker needs besides the spec: a `table` dataset naming one of the notebook's
// dataset cells is resolved (inline rows into the spec, a built-in by its name), and a table too
// big to embed is read from IndexedDB and sent along as its file.
import type { Notebook } from '../notebook/index.ts';
import { resolveDatasetCells } from '../notebook/resolve.ts';
import type { ExperimentSpec, TableFile } from '../protocol/index.ts';
import type { TableFiles } from '../store/tableFiles.ts';

export type RunData =
  { ok: true; spec: ExperimentSpec; tables: Record<string, TableFile> } | { ok: false; error: string };

export async function resolveRunData(spec: ExperimentSpec, notebook: Notebook, files: TableFiles): Promise<RunData> {
  const resolved = resolveDatasetCells(spec, notebook);
  if (resolved.ok) return { ok: true, spec: resolved.spec, tables: {} };
  if (!resolved.missing || spec.dataset.kind !== 'table' || typeof spec.dataset.table !== 'string')
    return { ok: false, error: resolved.error };
  const name = spec.dataset.table;
  const stored = await files.load(name, resolved.missing.fileName);
  if (!stored)
    return { ok: false, error: `${resolved.error}; drop "${resolved.missing.fileName}" on the dataset cell "${name}"` };
  return { ok: true, spec, tables: { [name]: { fileName: stored.fileName, bytes: stored.bytes } } };
}
