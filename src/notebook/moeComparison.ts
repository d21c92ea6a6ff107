// One-click MoE comparisons (issue 9): from a moe-lm experiment cell, add a sibling experiment with
// the same data and seed but another router (CompeteSMoE, or a recurrent router across layers), and
// a compare cell over both; from an MMoE or PLE cell, the same with HoME (issue 20). Pure: returns the
// new notebook and the ids it added, for running and undo.
import { HomeSpec, type ExperimentSpec, type ModelSpec } from '../protocol/index.ts';
import { newCellId, type IdMaker } from './ids.ts';
import { addCell, findCell } from './operations.ts';
import type { CellId, Notebook } from './schema.ts';

export const MOE_VARIANTS = ['compete', 'recurrent', 'home'] as const;
export type MoeVariant = (typeof MOE_VARIANTS)[number];

interface VariantInfo {
  /** The button's text. */
  button: string;
  /** Appended to the sibling's name. */
  suffix: string;
  /** The model kinds it applies to. */
  kinds: readonly ModelSpec['kind'][];
  /** Whether the spec already is this variant (then there is nothing to compare with). */
  already(model: ModelSpec): boolean;
  apply(model: ModelSpec): ModelSpec;
}

/** HoME with the MMoE/PLE cell's expert sizes and depths: PLE's own and shared experts, or MMoE's experts as shared ones. */
function homeFrom(model: ModelSpec): ModelSpec {
  if (model.kind !== 'mmoe' && model.kind !== 'ple') return model;
  const { expertHidden, expertOutput, towerHidden, expertDepth, towerDepth } = model;
  const experts =
    model.kind === 'ple'
      ? { taskExperts: model.taskExperts, sharedExperts: model.sharedExperts }
      : { sharedExperts: model.numExperts };
  return HomeSpec.parse({ kind: 'home', expertHidden, expertOutput, towerHidden, expertDepth, towerDepth, ...experts });
}

export const MOE_VARIANT_INFO: Record<MoeVariant, VariantInfo> = {
  compete: {
    button: 'Compare with CompeteSMoE',
    suffix: 'CompeteSMoE',
    kinds: ['moe-lm'],
    already: (model) => model.kind === 'moe-lm' && model.router === 'compete',
    // Same k and capacity; the competition settings keep the spec's values (defaults λ 0.1, weights 1).
    apply: (model) => (model.kind === 'moe-lm' ? { ...model, router: 'compete' } : model),
  },
  recurrent: {
    button: 'Compare with recurrent router',
    suffix: 'recurrent router',
    kinds: ['moe-lm'],
    already: (model) => model.kind === 'moe-lm' && model.routerMemory === 'recurrent',
    apply: (model) => (model.kind === 'moe-lm' ? { ...model, routerMemory: 'recurrent' } : model),
  },
  home: {
    button: 'Compare with HoME',
    suffix: 'HoME',
    kinds: ['mmoe', 'ple'],
    already: () => false,
    // Same expert sizes; HoME's four fixes on (its defaults), one meta-category.
    apply: homeFrom,
  },
};

/** Why a comparison cannot be made from this spec, or undefined when it can. */
export function comparisonProblem(spec: ExperimentSpec, variant: MoeVariant): string | undefined {
  const { kinds } = MOE_VARIANT_INFO[variant];
  if (!kinds.includes(spec.model.kind))
    return `only ${kinds.join(' or ')} experiments can be compared with the ${MOE_VARIANT_INFO[variant].suffix} (this one is ${spec.model.kind})`;
  if (MOE_VARIANT_INFO[variant].already(spec.model))
    return `this experiment already uses the ${MOE_VARIANT_INFO[variant].suffix}`;
  return undefined;
}

/** The sibling's spec: everything equal (data, seed, steps, model size) except the router (or the model, for HoME). */
export function variantSpec(spec: ExperimentSpec, variant: MoeVariant): ExperimentSpec {
  const problem = comparisonProblem(spec, variant);
  if (problem) throw new Error(problem);
  const info = MOE_VARIANT_INFO[variant];
  return {
    ...structuredClone(spec),
    name: `${spec.name} · ${info.suffix}`,
    model: info.apply(structuredClone(spec.model)),
  };
}

export interface AddedComparison {
  notebook: Notebook;
  /** The original experiment cell, its new sibling and the compare cell, in that order. */
  originalId: CellId;
  siblingId: CellId;
  compareId: CellId;
}

/**
 * Adds the sibling experiment right after `cellId` and a compare cell after it (its runs are filled
 * in as they start). Throws with a readable message when the cell is not a moe-lm experiment.
 */
export function addMoeComparison(
  notebook: Notebook,
  cellId: CellId,
  variant: MoeVariant,
  newId: IdMaker = newCellId,
): AddedComparison {
  const cell = findCell(notebook, cellId);
  if (!cell || cell.kind !== 'experiment') throw new Error(`no experiment cell "${cellId}"`);
  const problem = comparisonProblem(cell.spec, variant);
  if (problem) throw new Error(problem);
  const index = notebook.cells.indexOf(cell);
  const spec = variantSpec(cell.spec, variant);
  const baseTitle = cell.title ?? cell.spec.name;
  const withSibling = addCell(
    notebook,
    { id: newId(), kind: 'experiment', title: `${baseTitle} · ${MOE_VARIANT_INFO[variant].suffix}`, spec },
    index + 1,
    newId,
  );
  const sibling = withSibling.cells[index + 1];
  const withCompare = addCell(
    withSibling,
    {
      id: newId(),
      kind: 'compare',
      title: `${baseTitle} vs ${MOE_VARIANT_INFO[variant].suffix}`,
      runIds: [],
      metric: 'loss',
    },
    index + 2,
    newId,
  );
  return {
    notebook: withCompare,
    originalId: cell.id,
    siblingId: sibling.id,
    compareId: withCompare.cells[index + 2].id,
  };
}
