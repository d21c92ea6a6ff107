// The experiment's affinity settings: whether to measure task affinity while training (spec.affinity),
// with which live method and how often. Grad-TAG and the truth are computed later from the view.
import { parseSpec, type ExperimentSpecInput } from '../../protocol/index.ts';
import { useLab } from '../../store/index.ts';

type AffinityInput = NonNullable<ExperimentSpecInput['affinity']>;

interface AffinityFieldsProps {
  cellId: string;
  specInput: ExperimentSpecInput;
  disabled: boolean;
}

export function AffinityFields({ cellId, specInput, disabled }: AffinityFieldsProps) {
  const patchCell = useLab((s) => s.patchCell);
  const setDraft = useLab((s) => s.setDraft);
  const affinity = specInput.affinity;

  const commit = (next: AffinityInput | undefined) => {
    const { affinity: _old, ...rest } = specInput;
    const spec: ExperimentSpecInput = next ? { ...rest, affinity: next } : rest;
    const result = parseSpec(spec);
    if (result.ok) {
      patchCell(cellId, { spec: result.spec });
      setDraft(cellId, undefined);
    } else {
      setDraft(cellId, spec);
    }
  };
  const id = (name: string) => `${cellId}-spec-affinity-${name}`;

  return (
    <fieldset className="affinity-fields" disabled={disabled}>
      <label htmlFor={id('on')} className="field checkbox-field">
        <input
          id={id('on')}
          type="checkbox"
          checked={affinity !== undefined}
          onChange={(e) => commit(e.target.checked ? { method: 'lookahead', every: 10 } : undefined)}
        />
        <span>Measure task affinity</span>
      </label>
      {affinity && (
        <>
          <label htmlFor={id('method')} className="field">
            <span>Affinity method</span>
            <select
              id={id('method')}
              value={affinity.method}
              onChange={(e) => commit({ ...affinity, method: e.target.value as AffinityInput['method'] })}
            >
              <option value="lookahead">lookahead</option>
              <option value="cosine">cosine</option>
            </select>
          </label>
          <label htmlFor={id('every')} className="field">
            <span>Measure every</span>
            <input
              id={id('every')}
              type="number"
              min={1}
              step={1}
              value={String(affinity.every ?? 10)}
              onChange={(e) =>
                commit({
                  ...affinity,
                  every: (e.target.value.trim() === '' ? e.target.value : Number(e.target.value)) as number,
                })
              }
            />
          </label>
        </>
      )}
    </fieldset>
  );
}
