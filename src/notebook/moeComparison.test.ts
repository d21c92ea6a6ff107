import { describe, expect, it } from 'vitest';
import { ExperimentSpec } from '../protocol/index.ts';
import { counterIds } from './ids.ts';
import { addMoeComparison, comparisonProblem, variantSpec } from './moeComparison.ts';
import { parseNotebook, type Notebook } from './schema.ts';
import { applyUndo } from './undo.ts';

const lm = ExperimentSpec.parse({
  name: 'LM',
  seed: 5,
  dataset: { kind: 'text', windowLength: 16 },
  model: { kind: 'moe-lm', k: 1, router: 'topk' },
  training: { steps: 7 },
});
const notebook = (): Notebook => ({
  title: 't',
  cells: [
    { id: 'md', kind: 'markdown', text: 'x' },
    { id: 'lm', kind: 'experiment', spec: lm },
    { id: 'end', kind: 'markdown', text: 'y' },
  ],
});

describe('one-click MoE comparisons', () => {
  it('adds a sibling with only the router switched and a compare cell after it; undo removes both', () => {
    const before = notebook();
    const added = addMoeComparison(before, 'lm', 'compete', counterIds('n'));
    expect(added.notebook.cells.map((c) => c.id)).toEqual(['md', 'lm', 'n1', 'n2', 'end']);
    expect(added).toMatchObject({ originalId: 'lm', siblingId: 'n1', compareId: 'n2' });
    const sibling = added.notebook.cells[2];
    if (sibling.kind !== 'experiment' || sibling.spec.model.kind !== 'moe-lm')
      throw new Error('expected a moe-lm sibling');
    expect(sibling.spec.model.router).toBe('compete');
    expect(sibling.spec.seed).toBe(5);
    // Everything but the name and the router is the same spec.
    expect({ ...sibling.spec, name: lm.name, model: { ...sibling.spec.model, router: 'topk' } }).toEqual(lm);
    expect(added.notebook.cells[3]).toMatchObject({ kind: 'compare', runIds: [], metric: 'loss' });
    expect(parseNotebook(added.notebook).ok).toBe(true);
    expect(before.cells).toHaveLength(3); // the input is unchanged
    expect(applyUndo(added.notebook, { type: 'add', cellIds: [added.siblingId, added.compareId], what: 'x' })).toEqual(
      before,
    );
  });

  it('compares an MMoE or PLE cell with HoME of the same expert sizes, and nothing else', () => {
    const mmoe = ExperimentSpec.parse({
      name: 'M',
      seed: 3,
      model: { kind: 'mmoe', numExperts: 3, expertHidden: 8, expertOutput: 6, towerHidden: 5 },
    });
    const home = variantSpec(mmoe, 'home');
    expect(home.model).toMatchObject({
      kind: 'home',
      sharedExperts: 3,
      taskExperts: 1,
      expertHidden: 8,
      expertOutput: 6,
      towerHidden: 5,
      expertNorm: true,
      hierarchyMask: true,
      featureGate: true,
      selfGate: true,
    });
    expect({ ...home, name: mmoe.name, model: mmoe.model }).toEqual(mmoe);
    const ple = ExperimentSpec.parse({
      model: { kind: 'ple', taskExperts: 2, sharedExperts: 3, expertDepth: 2, towerDepth: 3 },
    });
    expect(variantSpec(ple, 'home').model).toMatchObject({
      kind: 'home',
      taskExperts: 2,
      sharedExperts: 3,
      expertDepth: 2,
      towerDepth: 3,
    });
    expect(comparisonProblem(lm, 'home')).toMatch(
      /only mmoe or ple experiments can be compared with the HoME \(this one is moe-lm\)/,
    );
    expect(comparisonProblem(mmoe, 'compete')).toMatch(/this one is mmoe/);
  });

  it('switches to a recurrent router, keeping the router kind', () => {
    const spec = variantSpec(lm, 'recurrent');
    expect(spec.model).toMatchObject({ router: 'topk', routerMemory: 'recurrent', routerStateDim: 16 });
    expect(spec.name).toBe('LM · recurrent router');
  });

  it('refuses non-MoE experiments and specs that already are the variant, with a reason', () => {
    const planted = ExperimentSpec.parse({});
    expect(comparisonProblem(planted, 'compete')).toMatch(
      /only moe-lm experiments can be compared with the CompeteSMoE \(this one is shared-bottom\)/,
    );
    expect(comparisonProblem(variantSpec(lm, 'compete'), 'compete')).toMatch(/already uses the CompeteSMoE/);
    expect(comparisonProblem(lm, 'compete')).toBeUndefined();
    expect(() => addMoeComparison(notebook(), 'md', 'compete')).toThrow(/no experiment cell/);
  });
});
