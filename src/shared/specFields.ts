// The experiment form's fields, generated from the zod spec schema (one declaration, like TF
// Playground's state table): every settable field of the spec's dataset, model and training gets a
// control whose kind, range and options come from its schema. Only labels, step sizes and "shown
// when" rules are added here. Pure (no React), so a test can check the form covers the schema.
import type { z } from 'zod';
import { DatasetSpec, ExperimentSpec, ModelSpec, TrainingSpec, type ExperimentSpecInput } from '../protocol/index.ts';

export type FieldKind = 'int' | 'number' | 'select' | 'boolean' | 'numberList' | 'textList' | 'choices';

export interface SpecField {
  path: string[];
  label: string;
  kind: FieldKind;
  /** select and choices: the allowed values. */
  options?: readonly string[];
  min?: number;
  max?: number;
  step?: number;
  /** May be left empty (the schema's field is optional). */
  optional?: boolean;
  /** What an empty optional field means, e.g. "constant" for no schedule. */
  emptyLabel?: string;
}

/** Settable fields with a control elsewhere, and where. A test checks every other field has one here. */
export const EDITED_ELSEWHERE: Record<string, string> = {
  name: 'the cell title',
  affinity: 'the "Measure task affinity" fields',
  'dataset.table': 'the dataset cell',
  'dataset.inputs': 'the column-role dialog',
  'dataset.targets': 'the column-role dialog',
  'dataset.taskColumn': 'the column-role dialog',
  'dataset.texts': 'files and the CLI (inline text)',
  'model.tree': 'the branching tree view (a searched tree over the GNN processor rounds)',
};

/** Like EDITED_ELSEWHERE for one model kind only (the GNN's `layers` is a number the form edits). */
const EDITED_ELSEWHERE_FOR_KIND: Record<string, Record<string, string>> = {
  branched: { 'model.layers': 'the branching tree view (a searched tree)' },
};

/** Where a field without a form control is edited, or undefined when the form must have one. */
export function editedElsewhere(path: string, modelKind: string | undefined): string | undefined {
  return EDITED_ELSEWHERE[path] ?? EDITED_ELSEWHERE_FOR_KIND[modelKind ?? 'shared-bottom']?.[path];
}

const LABELS: Record<string, string> = {
  seed: 'Seed',
  backend: 'Backend',
  'dataset.numTasks': 'Tasks',
  'dataset.numGroups': 'Planted groups',
  'dataset.inputDim': 'Input features',
  'dataset.numSamples': 'Samples',
  'dataset.noise': 'Noise',
  'dataset.normalize': 'Normalise (z-scores from training rows)',
  'dataset.domains': 'Domains (tasks)',
  'dataset.windowLength': 'Window (chars)',
  'dataset.numGraphs': 'Graphs',
  'dataset.numNodes': 'Nodes per graph (min, max)',
  'dataset.edgeProbability': 'Edge probability (min, max)',
  'dataset.connectedFraction': 'Connected share',
  'dataset.tasks': 'Tasks to train',
  'dataset.labelShares': 'Label share per task (empty: all)',
  'dataset.nonNegativeInputs': 'Non-negative inputs (|z|)',
  'model.kind': 'Model',
  'model.hidden': 'Trunk widths (one per layer)',
  'model.width': 'Block width',
  'model.activation': 'Activation',
  'model.numExperts': 'Experts',
  'model.expertHidden': 'Expert hidden width',
  'model.expertOutput': 'Expert output width',
  'model.towerHidden': 'Tower hidden width',
  'model.expertDepth': 'Expert depth (hidden layers)',
  'model.towerDepth': 'Tower depth (hidden layers)',
  'model.numLevels': 'MoE levels',
  'model.taskExperts': 'Experts per task',
  'model.sharedExperts': 'Shared experts',
  'model.gate': 'Gate',
  'model.k': 'k (experts per token)',
  'model.balanceWeight': 'Balance loss weight α',
  'model.zLossWeight': 'Router z-loss weight',
  'model.dModel': 'Model width',
  'model.numHeads': 'Attention heads',
  'model.numLayers': 'MoE layers',
  'model.layers': 'Message-passing rounds',
  'model.router': 'Router',
  'model.topP': 'Top-p threshold',
  'model.capacityFactor': 'Capacity factor (empty: none)',
  'model.competeRate': 'Competition rate λ',
  'model.distillWeight': 'Distillation weight',
  'model.winnerWeight': 'Winner weight α_w',
  'model.routerMemory': 'Router across layers',
  'model.routerStateDim': 'Router state width',
  'model.aggregation': 'Aggregation',
  'model.categoryExperts': 'Experts per category',
  'model.categories': 'Category of each task',
  'model.expertNorm': 'Expert normalisation + Swish',
  'model.hierarchyMask': 'Hierarchy mask',
  'model.featureGate': 'Feature gates',
  'model.selfGate': 'Self gates',
  'model.featureGateRank': 'Feature gate rank',
  'model.memory': 'Multi-task memory',
  'training.steps': 'Steps',
  'training.batchSize': 'Batch size',
  'training.learningRate': 'Learning rate',
  'training.optimizer': 'Optimiser',
  'training.validationFraction': 'Validation share',
  'training.schedule': 'LR schedule',
  'training.warmupSteps': 'LR warm-up length',
  'training.weightDecay': 'Weight decay',
  'training.gradClipNorm': 'Clip gradient norm',
};

const EMPTY_LABELS: Record<string, string> = {
  'training.schedule': 'constant',
  'training.warmupSteps': 'none',
  'training.weightDecay': 'none',
  'training.gradClipNorm': 'none',
  'model.expertDepth': '1',
  'model.towerDepth': '1',
};

const STEPS: Record<string, number> = {
  'dataset.noise': 0.05,
  'training.learningRate': 0.001,
  'training.validationFraction': 0.05,
  'training.weightDecay': 0.001,
  'training.gradClipNorm': 0.5,
  'model.balanceWeight': 0.005,
  'model.zLossWeight': 0.001,
  'model.topP': 0.05,
  'model.competeRate': 0.05,
};

type ModelInput = { router?: string; gate?: string; routerMemory?: string };
const modelOf = (spec: ExperimentSpecInput) => (spec.model ?? {}) as ModelInput;
/** k matters to top-k, CompeteSMoE and expert-choice routers and to top-k task gates. */
const usesK = (spec: ExperimentSpecInput) => {
  const { router, gate } = modelOf(spec);
  return router !== undefined
    ? router === 'topk' || router === 'compete' || router === 'expert-choice'
    : gate === 'topk';
};
const competes = (spec: ExperimentSpecInput) => modelOf(spec).router === 'compete';

/** Fields that matter only in some set-ups; hidden otherwise (they keep their value). */
export const SHOWN_WHEN: Record<string, (spec: ExperimentSpecInput) => boolean> = {
  'model.k': usesK,
  'model.topP': (spec) => modelOf(spec).router === 'topp',
  'model.competeRate': competes,
  'model.distillWeight': competes,
  'model.winnerWeight': competes,
  'model.routerStateDim': (spec) => modelOf(spec).routerMemory === 'recurrent',
};

// ---- reading zod schemas ----

type AnySchema = z.ZodType & { _zod: { def: Record<string, unknown> & { type: string } } };
const defOf = (schema: unknown) => (schema as AnySchema)._zod.def;

/** Strips default / optional / pipe / readonly wrappers; says whether the value may be left out. */
function unwrap(schema: unknown): { inner: AnySchema; optional: boolean } {
  let inner = schema as AnySchema;
  let optional = false;
  for (;;) {
    const def = defOf(inner);
    if (def.type === 'optional') optional = true;
    if (def.type === 'default' || def.type === 'optional' || def.type === 'readonly')
      inner = def.innerType as AnySchema;
    else if (def.type === 'pipe') inner = def.in as AnySchema;
    else return { inner, optional };
  }
}

/** A number field's range, whether it must be whole, and its default, read from its schema, so a form never repeats them. */
export function numberLimits(schema: unknown): { min?: number; max?: number; int: boolean; default?: number } {
  const outer = defOf(schema);
  const fallback = outer.type === 'default' ? outer.defaultValue : undefined;
  const { inner } = unwrap(schema);
  if (!isNumber(inner)) throw new Error(`numberLimits: expected a number schema, got ${defOf(inner).type}`);
  const { minValue, maxValue, isInt } = inner as unknown as z.ZodNumber;
  const value = typeof fallback === 'function' ? (fallback as () => unknown)() : fallback;
  return {
    min: minValue ?? undefined,
    max: maxValue ?? undefined,
    int: isInt,
    default: typeof value === 'number' ? value : undefined,
  };
}

const isNumber = (schema: AnySchema) => defOf(schema).type === 'number';
const enumValues = (schema: AnySchema) =>
  defOf(schema).type === 'enum' ? Object.values(defOf(schema).entries as Record<string, string>) : undefined;

/** The control for one schema field, or undefined when the form has no control kind for its type. */
function fieldFor(path: string[], schema: unknown): SpecField | undefined {
  const key = path.join('.');
  const { inner, optional } = unwrap(schema);
  const def = defOf(inner);
  const base = {
    path,
    label: LABELS[key] ?? path[path.length - 1],
    optional,
    step: STEPS[key],
    emptyLabel: EMPTY_LABELS[key],
  };
  if (def.type === 'number') {
    const { minValue, maxValue, isInt } = inner as unknown as z.ZodNumber;
    return { ...base, kind: isInt ? 'int' : 'number', min: minValue ?? undefined, max: maxValue ?? undefined };
  }
  if (def.type === 'boolean') return { ...base, kind: 'boolean' };
  const options = enumValues(inner);
  if (options) return { ...base, kind: 'select', options };
  if (def.type === 'array') {
    const element = unwrap(def.element).inner;
    const choices = enumValues(element);
    if (choices) return { ...base, kind: 'choices', options: choices };
    if (isNumber(element)) return { ...base, kind: 'numberList' };
    if (defOf(element).type === 'string') return { ...base, kind: 'textList' };
  }
  // A number or a [min, max] range (see `range` in src/protocol/dataset.ts): edited as a list of one or two numbers.
  if (def.type === 'union' && (def.options as AnySchema[]).every((o) => isNumber(o) || defOf(o).type === 'tuple'))
    return { ...base, kind: 'numberList' };
  return undefined;
}

/** The variant of a discriminated union with this `kind` (its object schema). */
function variantOf(union: unknown, kind: unknown): z.ZodObject | undefined {
  return (defOf(union).options as z.ZodObject[]).find((option) => {
    const literal = defOf(option.shape.kind);
    return (literal.values as unknown[]).includes(kind);
  });
}

export const MODEL_KINDS = (defOf(ModelSpec).options as z.ZodObject[]).map(
  (o) => (defOf(o.shape.kind).values as string[])[0],
);

/** Model kinds that can train on a dataset kind: the LM on text, the GNN on graphs, the rest on tables. */
export function modelKindsFor(datasetKind: string | undefined): string[] {
  if (datasetKind === 'text') return ['moe-lm'];
  if (datasetKind === 'clrs-lite') return ['gnn'];
  // branched needs a tree (from the branching view), so it is not offered as a fresh choice.
  return MODEL_KINDS.filter((kind) => !['moe-lm', 'gnn', 'branched'].includes(kind));
}

export interface FieldSection {
  title: string;
  fields: SpecField[];
  /** Schema fields with no control kind here (a test keeps this empty). */
  missing: string[];
}

function sectionOf(title: string, prefix: string[], shape: Record<string, unknown>, modelKind?: string): FieldSection {
  const fields: SpecField[] = [];
  const missing: string[] = [];
  for (const [key, schema] of Object.entries(shape)) {
    const path = [...prefix, key];
    const name = path.join('.');
    if (key === 'kind' || editedElsewhere(name, modelKind)) continue;
    const field = fieldFor(path, schema);
    if (field) fields.push(field);
    else missing.push(name);
  }
  return { title, fields, missing };
}

/** The form's sections for a spec (its dataset and model kinds decide which fields exist). */
export function specSections(spec: ExperimentSpecInput): FieldSection[] {
  const dataset = variantOf(DatasetSpec, spec.dataset?.kind ?? 'planted');
  const model = variantOf(ModelSpec, spec.model?.kind ?? 'shared-bottom');
  const modelKinds = [...new Set([spec.model?.kind ?? 'shared-bottom', ...modelKindsFor(spec.dataset?.kind)])];
  const modelSection = sectionOf('Model', ['model'], model?.shape ?? {}, spec.model?.kind);
  modelSection.fields.unshift({
    path: ['model', 'kind'],
    label: LABELS['model.kind'],
    kind: 'select',
    options: modelKinds,
  });
  const run = sectionOf('Run', [], { seed: ExperimentSpec.shape.seed, backend: ExperimentSpec.shape.backend });
  return [
    sectionOf('Data', ['dataset'], dataset?.shape ?? {}),
    modelSection,
    sectionOf('Training', ['training'], TrainingSpec.shape),
    run,
  ];
}
