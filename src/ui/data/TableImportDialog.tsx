// The column-role dialog: a preview of the parsed table with each column's inferred type, one role
// per column, normalisation and the validation split. Nothing reaches the notebook before "Create".
import { useEffect, useMemo, useState } from 'react';
import type { TablePreview } from '../../protocol/reports.ts';
import { TrainingSpec } from '../../protocol/spec.ts';
import { numberLimits } from '../../shared/specFields.ts';
import { datasetNameFromFile } from '../../notebook/datasets.ts';
import { cancelImport, confirmImport } from '../../bridge/tableImport.ts';
import { useLab } from '../../store/index.ts';
import type { DataImport } from '../../store/importSlice.ts';
import { ParseProgress } from './ParseProgress.tsx';
import {
  assignmentFromRoles,
  roleProblems,
  rolesFromAssignment,
  suggestRoles,
  type ColumnRole,
  type RoleAssignment,
} from './roles.ts';

const ROLE_LABELS: Record<ColumnRole, string> = {
  ignore: 'ignore',
  input: 'input',
  target: 'target (task)',
  task: 'task id (long format)',
};
const format = (v: number | undefined) =>
  v === undefined || !Number.isFinite(v) ? '–' : Number(v.toPrecision(4)).toLocaleString();

function typeSummary(column: TablePreview['columns'][number]): string {
  if (column.type === 'number') return `number, ${format(column.min)} – ${format(column.max)}`;
  if (column.type === 'text') return `text, ${column.distinct} distinct`;
  return column.typeNote;
}

function PreviewTable({
  preview,
  assignment,
  onRole,
}: {
  preview: TablePreview;
  assignment: RoleAssignment;
  onRole(name: string, role: ColumnRole): void;
}) {
  return (
    <div className="table-preview-scroll">
      <table className="results table-preview" data-testid="table-preview">
        <thead>
          <tr>
            {preview.columns.map((c) => (
              <th
                key={c.name}
                scope="col"
                data-column-type={c.type}
                className={c.type === 'mixed' || c.type === 'empty' ? 'column-problem' : undefined}
              >
                <div className="column-name">{c.name}</div>
                <div className="column-type">
                  {typeSummary(c)}
                  {c.missing > 0 ? `, ${c.missing} missing` : ''}
                </div>
                <select
                  aria-label={`Role of column ${c.name}`}
                  value={assignment[c.name] ?? 'ignore'}
                  onChange={(e) => onRole(c.name, e.target.value as ColumnRole)}
                >
                  {(Object.keys(ROLE_LABELS) as ColumnRole[]).map((role) => (
                    <option key={role} value={role}>
                      {ROLE_LABELS[role]}
                    </option>
                  ))}
                </select>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.rows.slice(0, 8).map((row, r) => (
            <tr key={r}>
              {row.map((cell, c) => (
                <td key={c}>{cell === null ? <span className="muted">–</span> : String(cell)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RolesForm({ pending }: { pending: DataImport & { preview: TablePreview } }) {
  const preview = pending.preview;
  const target = useLab((s) => s.notebook.cells.find((c) => c.id === pending.targetCellId && c.kind === 'dataset'));
  const initial = useMemo(
    () =>
      target?.kind === 'dataset' && target.roles ? assignmentFromRoles(preview, target.roles) : suggestRoles(preview),
    [preview, target],
  );
  const [assignment, setAssignment] = useState(initial);
  const [name, setName] = useState(() =>
    target?.kind === 'dataset' ? target.name : datasetNameFromFile(pending.fileName),
  );
  const [normalize, setNormalize] = useState(true);
  const [validationFraction, setValidationFraction] = useState(SPLIT.default ?? 0);
  const [busy, setBusy] = useState(false);
  const problems = roleProblems(preview, assignment);
  const splitValid = TrainingSpec.shape.validationFraction.safeParse(validationFraction).success;
  const creating = !target;

  const create = async () => {
    setBusy(true);
    await confirmImport({ name, roles: rolesFromAssignment(preview, assignment), normalize, validationFraction });
    setBusy(false);
  };

  return (
    <>
      <p>
        {preview.numRows.toLocaleString()} rows × {preview.columns.length} columns
        {pending.keepSource
          ? ''
          : pending.inline
            ? ' (small enough to keep in the notebook and its share links)'
            : ' (kept in this browser; share links name it)'}
        . Choose what each column is: inputs, one or more targets (one task each), or a task-id column for long format.
      </p>
      <PreviewTable
        preview={preview}
        assignment={assignment}
        onRole={(column, role) => setAssignment((a) => ({ ...a, [column]: role }))}
      />
      <div className="import-settings">
        {creating ? (
          <label>
            Dataset name <input value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
          </label>
        ) : (
          <span className="muted">
            Experiments on “{name}” take the new roles; their normalisation and split stay as set in each experiment.
          </span>
        )}
        {creating && (
          <>
            <label>
              <input type="checkbox" checked={normalize} onChange={(e) => setNormalize(e.target.checked)} /> normalise
              inputs and targets (z-score on the training split)
            </label>
            <label>
              Validation fraction{' '}
              <input
                type="number"
                min={SPLIT.min}
                max={SPLIT.max}
                step={0.05}
                value={validationFraction}
                aria-invalid={!splitValid}
                onChange={(e) => setValidationFraction(Number(e.target.value))}
              />
            </label>
          </>
        )}
      </div>
      {(problems.length > 0 || !splitValid) && (
        <ul className="error-text" role="alert" data-testid="role-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
          {!splitValid && <li>The validation fraction must be between 0 and 0.9.</li>}
        </ul>
      )}
      <div className="dialog-buttons">
        <button
          type="button"
          className="primary"
          disabled={busy || problems.length > 0 || !splitValid}
          onClick={() => void create()}
        >
          {creating ? 'Create dataset and experiment' : 'Apply to dataset'}
        </button>
        <button type="button" onClick={cancelImport}>
          Cancel
        </button>
      </div>
    </>
  );
}

// The validation split's range and default come from the training schema, never repeated here.
const SPLIT = numberLimits(TrainingSpec.shape.validationFraction);

export function TableImportDialog() {
  const pending = useLab((s) => s.dataImport);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && cancelImport();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  if (!pending) return null;
  return (
    <div className="dialog-backdrop">
      <div
        className="dialog table-import"
        role="dialog"
        aria-modal="true"
        aria-labelledby="table-import-title"
        data-status={pending.status}
      >
        <h2 id="table-import-title">Data: {pending.fileName}</h2>
        {pending.status === 'parsing' && <ParseProgress />}
        {pending.status === 'failed' && (
          <>
            <div className="error-banner" role="alert" data-testid="import-error">
              {pending.error}
            </div>
            <p className="muted">Nothing in the notebook was changed.</p>
            <div className="dialog-buttons">
              <button type="button" onClick={cancelImport}>
                Close
              </button>
            </div>
          </>
        )}
        {pending.status === 'ready' && pending.preview && (
          <RolesForm key={pending.token} pending={{ ...pending, preview: pending.preview }} />
        )}
      </div>
    </div>
  );
}
