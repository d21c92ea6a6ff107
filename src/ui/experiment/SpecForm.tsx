// The experiment's settings as a small form. Each field edits one path of the spec input;
// validation errors appear beside the field they name.
import { memo } from 'react';
import { BACKENDS, LM_ROUTERS, ROUTER_MEMORIES, parseSpec, type ExperimentSpec, type ExperimentSpecInput } from '../../protocol.ts';
import { useLab } from '../../store/index.ts';
import { AffinityFields } from './AffinityFields.tsx';

interface FieldDef {
  path: string[];
  label: string;
  kind: 'int' | 'number' | 'select' | 'switch';
  options?: readonly string[];
  step?: number;
  /** Shown only when this holds for the spec being edited (besides its path existing). */
  when?: (spec: ExperimentSpecInput) => boolean;
}

type ModelInput = { router?: string; gate?: string; routerMemory?: string };
const modelOf = (spec: ExperimentSpecInput) => (spec.model ?? {}) as ModelInput;
/** k matters to top-k, CompeteSMoE and expert-choice routers and to top-k task gates. */
const usesK = (spec: ExperimentSpecInput) => {
  const { router, gate } = modelOf(spec);
  return router !== undefined ? router === 'topk' || router === 'compete' || router === 'expert-choice' : gate === 'topk';
};
const competes = (spec: ExperimentSpecInput) => modelOf(spec).router === 'compete';

const FIELDS: FieldDef[] = [
  { path: ['dataset', 'numTasks'], label: 'Tasks', kind: 'int' },
  { path: ['dataset', 'numGroups'], label: 'Planted groups', kind: 'int' },
  { path: ['dataset', 'noise'], label: 'Noise', kind: 'number', step: 0.05 },
  { path: ['training', 'steps'], label: 'Steps', kind: 'int' },
  { path: ['training', 'batchSize'], label: 'Batch size', kind: 'int' },
  { path: ['training', 'learningRate'], label: 'Learning rate', kind: 'number', step: 0.001 },
  { path: ['training', 'optimizer'], label: 'Optimiser', kind: 'select', options: ['adam', 'sgd', 'momentum'] },
  { path: ['seed'], label: 'Seed', kind: 'int' },
  { path: ['backend'], label: 'Backend', kind: 'select', options: ['auto', ...BACKENDS] },
  // MoE settings: their paths exist only for MoE model kinds (mmoe, ple, moe-lm).
  { path: ['dataset', 'windowLength'], label: 'Window (chars)', kind: 'int' },
  { path: ['model', 'numExperts'], label: 'Experts', kind: 'int' },
  { path: ['model', 'taskExperts'], label: 'Experts per task', kind: 'int' },
  { path: ['model', 'sharedExperts'], label: 'Shared experts', kind: 'int' },
  { path: ['model', 'router'], label: 'Router', kind: 'select', options: LM_ROUTERS },
  { path: ['model', 'gate'], label: 'Gate', kind: 'select', options: ['softmax', 'topk'] },
  { path: ['model', 'k'], label: 'k (experts per token)', kind: 'int', when: usesK },
  { path: ['model', 'topP'], label: 'Top-p threshold', kind: 'number', step: 0.05, when: (spec) => modelOf(spec).router === 'topp' },
  { path: ['model', 'competeRate'], label: 'Competition rate λ', kind: 'number', step: 0.05, when: competes },
  { path: ['model', 'distillWeight'], label: 'Distillation weight', kind: 'number', step: 0.1, when: competes },
  { path: ['model', 'winnerWeight'], label: 'Winner weight α_w', kind: 'number', step: 0.1, when: competes },
  { path: ['model', 'routerMemory'], label: 'Router across layers', kind: 'select', options: ROUTER_MEMORIES },
  { path: ['model', 'routerStateDim'], label: 'Router state width', kind: 'int', when: (spec) => modelOf(spec).routerMemory === 'recurrent' },
  { path: ['model', 'balanceWeight'], label: 'Balance loss weight', kind: 'number', step: 0.005 },
  // HoME's fixes and TaskExpert's memory (issue 20): each can be switched on alone.
  { path: ['model', 'expertNorm'], label: 'Expert normalisation + Swish', kind: 'switch' },
  { path: ['model', 'hierarchyMask'], label: 'Hierarchy mask', kind: 'switch' },
  { path: ['model', 'featureGate'], label: 'Feature gates', kind: 'switch' },
  { path: ['model', 'selfGate'], label: 'Self gates', kind: 'switch' },
  { path: ['model', 'memory'], label: 'Multi-task memory', kind: 'switch' },
  { path: ['model', 'zLossWeight'], label: 'Router z-loss weight', kind: 'number', step: 0.001 },
];

type Json = Record<string, unknown>;

function getPath(value: unknown, path: string[]): unknown {
  return path.reduce<unknown>((node, key) => (node as Json | undefined)?.[key], value);
}

function setPath(value: Json, path: string[], leaf: unknown): Json {
  const [key, ...rest] = path;
  return { ...value, [key]: rest.length ? setPath((value[key] as Json) ?? {}, rest, leaf) : leaf };
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

  const update = (field: FieldDef, raw: string | boolean) => {
    // Keep what the user typed even when it is not a number, so validation can say what is wrong.
    const value = typeof raw === 'boolean' || field.kind === 'select' || raw.trim() === '' || Number.isNaN(Number(raw)) ? raw : Number(raw);
    const next = setPath(specInput as Json, field.path, value) as ExperimentSpecInput;
    const result = parseSpec(next);
    if (result.ok) {
      patchCell(cellId, { spec: result.spec });
      setDraft(cellId, undefined);
    } else {
      setDraft(cellId, next);
    }
  };

  const fieldErrors = (field: FieldDef) => specErrors.filter((e) => e.startsWith(`${field.path.join('.')}:`));
  const otherErrors = specErrors.filter((e) => !FIELDS.some((f) => e.startsWith(`${f.path.join('.')}:`)));

  return (
    <form className="spec-form" onSubmit={(e) => e.preventDefault()} aria-label="Experiment settings">
      {FIELDS.filter((field) => getPath(specInput, field.path) !== undefined && (field.when?.(specInput) ?? true)).map((field) => {
        const id = `${cellId}-spec-${field.path.join('-')}`;
        const value = String(getPath(specInput, field.path) ?? '');
        const errors = fieldErrors(field);
        return (
          <label key={id} htmlFor={id} className={errors.length ? 'field invalid' : 'field'}>
            <span>{field.label}</span>
            {field.kind === 'switch' ? (
              <input id={id} type="checkbox" checked={getPath(specInput, field.path) === true} disabled={disabled} onChange={(e) => update(field, e.target.checked)} />
            ) : field.kind === 'select' ? (
              <select id={id} value={value} disabled={disabled} onChange={(e) => update(field, e.target.value)}>
                {field.options!.map((option) => (
                  <option key={option}>{option}</option>
                ))}
              </select>
            ) : (
              <input
                id={id}
                type="number"
                step={field.step ?? 1}
                value={value}
                disabled={disabled}
                aria-invalid={errors.length > 0}
                onChange={(e) => update(field, e.target.value)}
              />
            )}
            {errors.map((e) => (
              <small key={e} className="error-text">{e.slice(e.indexOf(':') + 1)}</small>
            ))}
          </label>
        );
      })}
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
