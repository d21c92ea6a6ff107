// Own data into the notebook: a dropped or picked file is parsed in a job worker (through the job
// runtime, key `jobKeys.tableImport`: its progress shows in the dialog, and Cancel terminates the
// worker), previewed in the column-role dialog, and only on confirmation becomes a dataset cell (plus an
// experiment on it). Small tables are embedded in the cell; larger files are kept in IndexedDB by dataset name.
import { MAX_TABLE_FILE_BYTES, type TableSource } from '../protocol/jobs.ts';
import {
  FILE_EXTENSION,
  LINK_LIMITS,
  newCellId,
  readNotebookFile,
  type CellOf,
  type DatasetSource,
} from '../notebook/index.ts';
import { tableExperimentSpec, uniqueDatasetName, type DatasetRoles } from '../notebook/datasets.ts';
import { useLab } from '../store/index.ts';
import { importNotebook } from '../store/persistence.ts';
import { jobKeys } from '../store/jobKeys.ts';
import { createTableFiles } from '../store/tableFiles.ts';
import { cancelJob, startJob } from './jobRuntime.ts';
import { importRunResult, isRunResultText } from './resultImport.ts';

let lastToken = 0;

async function preview(
  fileName: string,
  source: TableSource,
  extra: { targetCellId?: string; bytes?: ArrayBuffer; keepSource?: DatasetSource },
) {
  const token = ++lastToken;
  const store = useLab.getState();
  store.setDataImport({ token, fileName, status: 'parsing', targetCellId: extra.targetCellId });
  const key = jobKeys.tableImport;
  // A newer drop replaces this job (startJob cancels it) and its token, so nothing below touches it.
  const result = await startJob(key, 'parseTable', {
    input: { source, inlineLimit: LINK_LIMITS.embedBytes },
    live: undefined,
    subject: fileName,
    transfer: source.type === 'file' ? [source.bytes] : [],
    resultToCallerOnly: true,
    forgetWhenCancelled: true,
    failure: (message) => `${fileName}: ${message}`,
  });
  if (!result) {
    const record = useLab.getState().jobs[key];
    if (record?.status === 'failed') store.patchDataImport(token, { status: 'failed', error: record.error });
    return;
  }
  if (!result.ok) return store.patchDataImport(token, { status: 'failed', error: result.error });
  store.patchDataImport(token, { status: 'ready', preview: result.preview, inline: result.inline, ...extra });
}

/** A file dropped on the notebook (targetCellId: on that dataset cell) or picked. */
export async function importFile(file: File, targetCellId?: string): Promise<void> {
  const store = useLab.getState();
  if (file.name.endsWith(FILE_EXTENSION)) {
    const result = readNotebookFile(await file.text());
    if (result.ok) return importNotebook(result.notebook);
    return store.setDataImport({
      token: ++lastToken,
      fileName: file.name,
      status: 'failed',
      error: `${file.name}: ${result.error}`,
    });
  }
  if (file.name.endsWith('.json') && file.size <= MAX_TABLE_FILE_BYTES) {
    const text = await file.text();
    if (isRunResultText(text)) return importRunResult(text, file.name);
  }
  if (file.size > MAX_TABLE_FILE_BYTES) {
    const mb = (file.size / 2 ** 20).toFixed(1);
    const error = `"${file.name}" is ${mb} MB, more than the limit of ${MAX_TABLE_FILE_BYTES / 2 ** 20} MB`;
    return store.setDataImport({ token: ++lastToken, fileName: file.name, status: 'failed', error });
  }
  const bytes = await file.arrayBuffer();
  // The worker gets a copy (transferred); the original is kept for IndexedDB.
  await preview(file.name, { type: 'file', fileName: file.name, bytes: bytes.slice(0) }, { targetCellId, bytes });
}

/** Opens the role dialog for an existing dataset cell, its rows staying where they are. */
export async function editDatasetRoles(cell: CellOf<'dataset'>): Promise<void> {
  const source = cell.source;
  const extra = { targetCellId: cell.id, keepSource: source };
  if (source.type === 'builtin') return preview(cell.name, { type: 'builtin', name: source.name }, extra);
  if (source.type === 'inline')
    return preview(
      source.fileName ?? cell.name,
      { type: 'inline', name: source.fileName ?? cell.name, table: source.table },
      extra,
    );
  const stored = await createTableFiles().load(cell.name, source.fileName);
  if (!stored) {
    const error = `"${source.fileName}" is not stored in this browser; drop the file on this dataset cell to load it again`;
    return useLab
      .getState()
      .setDataImport({ token: ++lastToken, fileName: source.fileName, status: 'failed', targetCellId: cell.id, error });
  }
  return preview(source.fileName, { type: 'file', fileName: source.fileName, bytes: stored.bytes }, extra);
}

export interface ImportChoice {
  name: string;
  roles: DatasetRoles;
  normalize: boolean;
  validationFraction: number;
}

/** Writes the confirmed import into the notebook; the dialog closes. */
export async function confirmImport(choice: ImportChoice): Promise<void> {
  const store = useLab.getState();
  const pending = store.dataImport;
  if (pending?.status !== 'ready' || !pending.preview) return;
  const target = store.notebook.cells.find((c) => c.id === pending.targetCellId && c.kind === 'dataset') as
    CellOf<'dataset'> | undefined;
  const name = target ? target.name : uniqueDatasetName(store.notebook, choice.name.trim() || 'data');
  let source: DatasetSource;
  if (pending.keepSource) source = pending.keepSource;
  else if (pending.inline) source = { type: 'inline', fileName: pending.fileName, table: pending.inline };
  else {
    try {
      await createTableFiles().save(name, pending.fileName, pending.bytes!);
    } catch (error) {
      return store.patchDataImport(pending.token, {
        status: 'failed',
        error: `Could not keep "${pending.fileName}" in this browser: ${(error as Error).message}`,
      });
    }
    const { numRows, columns } = pending.preview;
    source = {
      type: 'external',
      fileName: pending.fileName,
      sizeBytes: pending.bytes!.byteLength,
      numRows,
      columns: columns.map((c) => c.name),
    };
  }
  const roles = {
    inputs: choice.roles.inputs,
    targets: choice.roles.targets,
    ...(choice.roles.taskColumn ? { taskColumn: choice.roles.taskColumn } : {}),
  };
  const latest = useLab.getState();
  if (target) {
    latest.patchCell(target.id, { source, roles });
    // Experiments on this dataset follow its new roles.
    for (const cell of latest.notebook.cells) {
      if (cell.kind !== 'experiment' || cell.spec.dataset.kind !== 'table' || cell.spec.dataset.table !== name)
        continue;
      const { taskColumn: _old, ...dataset } = cell.spec.dataset;
      useLab.getState().patchCell(cell.id, { spec: { ...cell.spec, dataset: { ...dataset, ...roles } } });
    }
  } else {
    const cells = latest.notebook.cells;
    const datasetId = newCellId();
    latest.addCellAt({ id: datasetId, kind: 'dataset', name, source, roles }, cells.length);
    const spec = tableExperimentSpec(name, roles, {
      normalize: choice.normalize,
      validationFraction: choice.validationFraction,
    });
    useLab.getState().addCellAt({ id: newCellId(), kind: 'experiment', spec }, cells.length + 1);
  }
  latest.setDataImport(undefined);
}

/** Closes the dialog; a file still being read has its worker terminated. The notebook is untouched. */
export function cancelImport(): void {
  cancelJob(jobKeys.tableImport);
  useLab.getState().setDataImport(undefined);
}
