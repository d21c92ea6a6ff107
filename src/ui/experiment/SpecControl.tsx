// One generated control of the experiment form (see src/shared/specFields.ts): its kind comes from the
// schema. Lists are typed as "64, 64"; text that does not parse is kept so validation can name it.
import type { SpecField } from '../../shared/specFields.ts';

interface SpecControlProps {
  id: string;
  field: SpecField;
  value: unknown;
  disabled: boolean;
  invalid: boolean;
  onChange(value: unknown): void;
}

/** A typed number, or the raw text when it is not one (validation then says what is wrong). */
const numberOrText = (raw: string) => (raw.trim() === '' || Number.isNaN(Number(raw)) ? raw : Number(raw));

/** "64, 64" → [64, 64]; one number stays a number where the schema allows a single value or a range. */
function parseList(raw: string, field: SpecField): unknown {
  const items = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (field.kind === 'textList') return items;
  const numbers = items.map(numberOrText);
  return numbers.every((n) => typeof n === 'number') ? numbers : raw;
}

const listText = (value: unknown) => (Array.isArray(value) ? value.join(', ') : String(value ?? ''));

export function SpecControl({ id, field, value, disabled, invalid, onChange }: SpecControlProps) {
  switch (field.kind) {
    case 'select':
      return (
        <select
          id={id}
          value={String(value ?? '')}
          disabled={disabled}
          onChange={(e) => onChange(field.optional && e.target.value === '' ? undefined : e.target.value)}
        >
          {field.optional && <option value="">{field.emptyLabel ?? 'none'}</option>}
          {field.options!.map((option) => (
            <option key={option}>{option}</option>
          ))}
        </select>
      );
    case 'boolean':
      return (
        <input
          id={id}
          type="checkbox"
          checked={Boolean(value)}
          disabled={disabled}
          onChange={(e) => onChange(e.target.checked)}
        />
      );
    case 'choices': {
      const chosen = new Set(Array.isArray(value) ? (value as string[]) : []);
      const toggle = (option: string) =>
        onChange(field.options!.filter((o) => (o === option ? !chosen.has(o) : chosen.has(o))));
      return (
        <span id={id} className="choices" role="group" aria-labelledby={`${id}-label`} aria-invalid={invalid}>
          {field.options!.map((option) => (
            <label key={option}>
              <input type="checkbox" checked={chosen.has(option)} disabled={disabled} onChange={() => toggle(option)} />{' '}
              {option}
            </label>
          ))}
        </span>
      );
    }
    case 'numberList':
    case 'textList':
      return (
        <input
          id={id}
          type="text"
          defaultValue={listText(value)}
          key={listText(value)}
          disabled={disabled}
          aria-invalid={invalid}
          onBlur={(e) => onChange(parseList(e.target.value, field))}
          onKeyDown={(e) => e.key === 'Enter' && onChange(parseList(e.currentTarget.value, field))}
        />
      );
    default:
      return (
        <input
          id={id}
          type="number"
          min={field.min}
          max={field.max}
          step={field.step ?? (field.kind === 'int' ? 1 : 'any')}
          value={value === undefined ? '' : String(value)}
          placeholder={field.optional ? (field.emptyLabel ?? 'none') : undefined}
          disabled={disabled}
          aria-invalid={invalid}
          onChange={(e) => onChange(field.optional && e.target.value === '' ? undefined : numberOrText(e.target.value))}
        />
      );
  }
}
