// A sweep cell's set-up: which experiment, how many seeds, and up to two settings with their values.
import { useShallow } from 'zustand/react/shallow';
import { SweepCell as SweepCellSchema, type CellOf } from '../../notebook/index.ts';
import type { ExperimentSpec } from '../../protocol/index.ts';
import { numberLimits, specSections, type SpecField } from '../../shared/specFields.ts';
import { useLab } from '../../store/index.ts';

type SweepCell = CellOf<'sweep'>;
type Axis = SweepCell['axes'][number];

// Seeds per setting: the range comes from the sweep cell's schema.
const SEEDS = numberLimits(SweepCellSchema.shape.seeds);

/** Settings a sweep can vary: single numbers and options of the data, model and training. */
export function sweepableFields(spec: ExperimentSpec): SpecField[] {
  return specSections(spec)
    .flatMap((s) => s.fields)
    .filter(
      (f) => ['int', 'number', 'select'].includes(f.kind) && f.path.length === 2 && f.path.join('.') !== 'model.kind',
    );
}

/** "0.001, 0.01" → numbers for number fields, names for options; unparsable text stays text (validation names it). */
function parseValues(raw: string, field: SpecField | undefined): Axis['values'] {
  const items = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items.map((item) =>
    field?.kind !== 'select' && item !== '' && !Number.isNaN(Number(item)) ? Number(item) : item,
  );
}

function AxisEditor({ cell, index, fields }: { cell: SweepCell; index: number; fields: SpecField[] }) {
  const patchCell = useLab((s) => s.patchCell);
  const axis = cell.axes[index];
  const field = fields.find((f) => f.path.join('.') === axis?.path);
  const setAxis = (next: Axis | undefined) => {
    const axes = [...cell.axes];
    if (next) axes[index] = next;
    else axes.splice(index, 1);
    patchCell(cell.id, { axes, runs: [] });
  };
  const choose = (path: string) => {
    if (!path) return setAxis(undefined);
    const chosen = fields.find((f) => f.path.join('.') === path);
    setAxis({ path, values: chosen?.kind === 'select' ? [...chosen.options!] : [] });
  };
  const id = `${cell.id}-axis-${index}`;
  return (
    <>
      <div className="field">
        <label htmlFor={id}>Setting {index + 1}</label>
        <select id={id} value={axis?.path ?? ''} onChange={(e) => choose(e.target.value)}>
          <option value="">{index === 0 ? 'none (seeds only)' : 'none'}</option>
          {fields.map((f) => (
            <option key={f.path.join('.')} value={f.path.join('.')}>
              {f.label}
            </option>
          ))}
        </select>
      </div>
      {axis && (
        <div className="field">
          <label htmlFor={`${id}-values`}>Values of setting {index + 1}</label>
          <input
            id={`${id}-values`}
            key={axis.values.join(',')}
            defaultValue={axis.values.join(', ')}
            placeholder={field?.kind === 'select' ? field.options!.join(', ') : 'e.g. 0.001, 0.01'}
            onBlur={(e) => setAxis({ ...axis, values: parseValues(e.target.value, field) })}
            onKeyDown={(e) =>
              e.key === 'Enter' && setAxis({ ...axis, values: parseValues(e.currentTarget.value, field) })
            }
          />
        </div>
      )}
    </>
  );
}

export function SweepSettings({
  cell,
  spec,
  disabled,
}: {
  cell: SweepCell;
  spec: ExperimentSpec | undefined;
  disabled: boolean;
}) {
  const patchCell = useLab((s) => s.patchCell);
  const experiments = useLab(
    useShallow((s) => s.notebook.cells.filter((c): c is CellOf<'experiment'> => c.kind === 'experiment')),
  );
  const fields = spec ? sweepableFields(spec) : [];
  return (
    <fieldset className="spec-section sweep-settings" disabled={disabled}>
      <legend>Sweep</legend>
      <div className="field">
        <label htmlFor={`${cell.id}-experiment`}>Experiment</label>
        <select
          id={`${cell.id}-experiment`}
          value={cell.experimentId}
          onChange={(e) => patchCell(cell.id, { experimentId: e.target.value, axes: [], runs: [] })}
        >
          {!spec && <option value={cell.experimentId}>(removed)</option>}
          {experiments.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title ?? c.spec.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${cell.id}-seeds`}>Seeds per setting</label>
        <input
          id={`${cell.id}-seeds`}
          type="number"
          min={SEEDS.min}
          max={SEEDS.max}
          value={cell.seeds}
          onChange={(e) =>
            patchCell(cell.id, {
              seeds: Math.max(SEEDS.min ?? 1, Math.min(SEEDS.max ?? 1, Math.round(Number(e.target.value) || 1))),
            })
          }
        />
      </div>
      <AxisEditor cell={cell} index={0} fields={fields} />
      {cell.axes.length >= 1 && (
        <AxisEditor cell={cell} index={1} fields={fields.filter((f) => f.path.join('.') !== cell.axes[0].path)} />
      )}
      <div className="field">
        <label htmlFor={`${cell.id}-metric`}>Compare by</label>
        <select
          id={`${cell.id}-metric`}
          value={cell.metric}
          onChange={(e) => patchCell(cell.id, { metric: e.target.value as SweepCell['metric'] })}
        >
          <option value="validationScore">mean validation score</option>
          <option value="validationLoss">mean validation loss</option>
        </select>
      </div>
    </fieldset>
  );
}
