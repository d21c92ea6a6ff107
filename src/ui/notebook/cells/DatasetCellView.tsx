// A dataset cell: where its rows are (built-in, embedded, or a file kept in this browser), its
// column roles, and what to do with it: edit roles, replace the file (drop it here), experiment on it.
import { editDatasetRoles, importFile } from '../../../bridge/tableImport.ts';
import { newCellId, type CellOf } from '../../../notebook/index.ts';
import { BUILTIN_DATASETS, tableExperimentSpec } from '../../../notebook/datasets.ts';
import { useLab } from '../../../store/index.ts';
import { DataFileButton } from '../../data/DataFileButton.tsx';
import { useFileDrop } from '../../data/useFileDrop.ts';

const kb = (bytes: number) =>
  bytes < 2 ** 20 ? `${(bytes / 1024).toFixed(0)} KB` : `${(bytes / 2 ** 20).toFixed(1)} MB`;

function SourceLine({ cell }: { cell: CellOf<'dataset'> }) {
  const source = cell.source;
  switch (source.type) {
    case 'builtin':
      return (
        <p>
          Built-in table “{source.name}”: {BUILTIN_DATASETS[source.name]?.description ?? 'shipped with TaskLab'}.
        </p>
      );
    case 'inline':
      return (
        <p>
          {source.fileName ?? 'Table'}: {source.table.rows.length.toLocaleString()} rows × {source.table.columns.length}{' '}
          columns, kept in the notebook.
        </p>
      );
    case 'external':
      return (
        <p>
          {source.fileName}
          {source.numRows !== undefined && `: ${source.numRows.toLocaleString()} rows`}
          {source.sizeBytes !== undefined && ` (${kb(source.sizeBytes)})`}, kept in this browser only; whoever opens a
          share link is asked for the file.
        </p>
      );
  }
}

function InlineRows({ table }: { table: { columns: string[]; rows: (string | number | null)[][] } }) {
  return (
    <div className="table-preview-scroll">
      <table className="results table-preview">
        <thead>
          <tr>
            {table.columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.slice(0, 5).map((row, r) => (
            <tr key={r}>
              {row.map((v, c) => (
                <td key={c}>{v === null ? '–' : String(v)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function DatasetCellView({ cell }: { cell: CellOf<'dataset'> }) {
  const addCellAt = useLab((s) => s.addCellAt);
  const index = useLab((s) => s.notebook.cells.findIndex((c) => c.id === cell.id));
  const { over, handlers } = useFileDrop((file) => void importFile(file, cell.id));
  const roles = cell.roles ?? (cell.source.type === 'builtin' ? BUILTIN_DATASETS[cell.source.name]?.roles : undefined);

  const addExperiment = () => {
    if (!roles) return;
    const spec = tableExperimentSpec(cell.name, roles, { normalize: true, validationFraction: 0.2 });
    addCellAt({ id: newCellId(), kind: 'experiment', spec }, index + 1);
  };

  return (
    <div
      className={over ? 'dataset-cell drop-target over' : 'dataset-cell drop-target'}
      data-testid="dataset-cell"
      {...handlers}
    >
      <p>
        Experiments use it as <code>table: "{cell.name}"</code>.
      </p>
      <SourceLine cell={cell} />
      {roles ? (
        <dl className="roles" data-testid="dataset-roles">
          <dt>inputs</dt>
          <dd>{roles.inputs.join(', ')}</dd>
          <dt>targets (tasks)</dt>
          <dd>{roles.targets.join(', ')}</dd>
          {roles.taskColumn && (
            <>
              <dt>task column</dt>
              <dd>{roles.taskColumn}</dd>
            </>
          )}
        </dl>
      ) : (
        <p className="muted">No column roles yet: choose them with “Column roles…”.</p>
      )}
      {cell.source.type === 'inline' && <InlineRows table={cell.source.table} />}
      <div className="dataset-actions">
        <button type="button" onClick={() => void editDatasetRoles(cell)}>
          Column roles…
        </button>
        <button type="button" onClick={addExperiment} disabled={!roles}>
          New experiment on it
        </button>
        <DataFileButton label="Replace file…" targetCellId={cell.id} />
        <span className="muted">or drop a file here</span>
      </div>
    </div>
  );
}
