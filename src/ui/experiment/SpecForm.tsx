// The experiment's settings, generated from the spec schema (src/shared/specFields.ts): one section each
// for data, model, training and run. Each control edits one path of the spec input; validation
// errors appear beside the field they name.
import { memo } from 'react';
import { parseSpec, type ExperimentSpec, type ExperimentSpecInput } from '../../protocol/index.ts';
import { SHOWN_WHEN, specSections, type SpecField } from '../../shared/specFields.ts';
import { useLab } from '../../store/index.ts';
import { AffinityFields } from './AffinityFields.tsx';
import { SpecControl } from './SpecControl.tsx';

type Json = Record<string, unknown>;

function getPath(value: unknown, path: string[]): unknown {
  return path.reduce<unknown>((node, key) => (node as Json | undefined)?.[key], value);
}

/** A copy with `path` set to `leaf` (removed when `leaf` is undefined). */
function setPath(value: Json, path: string[], leaf: unknown): Json {
  const [key, ...rest] = path;
  if (rest.length) return { ...value, [key]: setPath((value[key] as Json) ?? {}, rest, leaf) };
  const { [key]: _old, ...others } = value;
  return leaf === undefined ? others : { ...others, [key]: leaf };
}

interface SpecFormProps {
  cellId: string;
  spec: ExperimentSpec;
  disabled: boolean;
}

/** Memoised: it must not re-render on every progress event of the cell's run. */
export const SpecForm = memo(function SpecForm({ cellId, spec, disabled }: SpecFormProps) {
  const draft = useLab((s) => s.drafts[cellId]);
  const patchCell = useLab((s) => s.patchCell);
  const setDraft = useLab((s) => s.setDraft);
  const specInput: ExperimentSpecInput = draft ?? spec;
  const parsed = parseSpec(specInput);
  const specErrors = parsed.ok ? [] : parsed.errors;
  const sections = specSections(specInput);
  const fields = sections.flatMap((s) => s.fields);

  const update = (field: SpecField, value: unknown) => {
    // A new model kind starts from that kind's defaults.
    const next = (
      field.path.join('.') === 'model.kind'
        ? { ...specInput, model: { kind: value } }
        : setPath(specInput as Json, field.path, value)
    ) as ExperimentSpecInput;
    const result = parseSpec(next);
    if (result.ok) {
      patchCell(cellId, { spec: result.spec });
      setDraft(cellId, undefined);
    } else {
      setDraft(cellId, next);
    }
  };

  const errorsOf = (field: SpecField) =>
    specErrors.filter((e) => e.startsWith(`${field.path.join('.')}:`) || e.startsWith(`${field.path.join('.')}.`));
  const otherErrors = specErrors.filter((e) => !fields.some((f) => errorsOf(f).includes(e)));
  const shown = (field: SpecField) => SHOWN_WHEN[field.path.join('.')]?.(specInput) ?? true;

  return (
    <form className="spec-form" onSubmit={(e) => e.preventDefault()} aria-label="Experiment settings">
      {sections.map((section) => (
        <fieldset key={section.title} className="spec-section" disabled={disabled}>
          <legend>{section.title}</legend>
          {section.fields.filter(shown).map((field) => {
            const id = `${cellId}-spec-${field.path.join('-')}`;
            const errors = errorsOf(field);
            const shape = field.kind === 'choices' ? ' wide' : field.kind === 'boolean' ? ' checkbox-field' : '';
            return (
              // The label holds only the text, so the control's accessible name is exactly it.
              <div key={id} className={`field${errors.length ? ' invalid' : ''}${shape}`}>
                <label htmlFor={id} id={`${id}-label`}>
                  {field.label}
                </label>
                <SpecControl
                  id={id}
                  field={field}
                  value={getPath(specInput, field.path)}
                  disabled={disabled}
                  invalid={errors.length > 0}
                  onChange={(value) => update(field, value)}
                />
                {errors.map((e) => (
                  <small key={e} className="error-text">
                    {e.slice(e.indexOf(':') + 1)}
                  </small>
                ))}
              </div>
            );
          })}
        </fieldset>
      ))}
      <AffinityFields cellId={cellId} specInput={specInput} disabled={disabled} />
      {otherErrors.length > 0 && (
        <ul className="error-text" role="alert">
          {otherErrors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
    </form>
  );
});
