import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { DatasetSpec, ExperimentSpec, ModelSpec, TrainingSpec, UnlearnSpec } from '../protocol/index.ts';
import { editedElsewhere, MODEL_KINDS, modelKindsFor, numberLimits, specSections } from './specFields.ts';

const variants = (union: unknown) => (union as { options: z.ZodObject[] }).options;
const kindOf = (variant: z.ZodObject) => (variant.shape.kind as unknown as { value: string }).value;

describe('the generated spec form', () => {
  // Walk the schema on its own, field by field: every field a user can set must have a control here
  // or be named in EDITED_ELSEWHERE (or its per-kind list). A field added to src/protocol/ with a type the form cannot edit fails.
  for (const dataset of variants(DatasetSpec)) {
    for (const model of variants(ModelSpec)) {
      it(`covers every field of ${kindOf(dataset)} data with a ${kindOf(model)} model`, () => {
        const sections = specSections({
          dataset: { kind: kindOf(dataset) } as never,
          model: { kind: kindOf(model) } as never,
        });
        const controls = new Set(sections.flatMap((s) => s.fields.map((f) => f.path.join('.'))));
        const schemaFields = [
          ...Object.keys(ExperimentSpec.shape).filter((k) => !['dataset', 'model', 'training'].includes(k)),
          ...Object.keys(dataset.shape)
            .filter((k) => k !== 'kind')
            .map((k) => `dataset.${k}`),
          ...Object.keys(model.shape).map((k) => `model.${k}`),
          ...Object.keys(TrainingSpec.shape).map((k) => `training.${k}`),
        ];
        const uncovered = schemaFields.filter((path) => !controls.has(path) && !editedElsewhere(path, kindOf(model)));
        expect(uncovered).toEqual([]);
        expect(sections.flatMap((s) => s.missing)).toEqual([]);
      });
    }
  }

  // Issue 18: widths and depth of the trunk, experts and towers for every model kind that has them.
  const WIDTH_AND_DEPTH: Record<string, string[]> = {
    'shared-bottom': ['model.hidden'], // one width per layer: the list's length is the depth
    mmoe: ['model.expertHidden', 'model.expertDepth', 'model.expertOutput', 'model.towerHidden', 'model.towerDepth'],
    ple: ['model.numLevels', 'model.expertHidden', 'model.expertDepth', 'model.towerHidden', 'model.towerDepth'],
    'task-expert': [
      'model.numLayers',
      'model.width',
      'model.expertHidden',
      'model.expertDepth',
      'model.towerHidden',
      'model.towerDepth',
    ],
    home: ['model.expertHidden', 'model.expertOutput', 'model.towerHidden', 'model.towerDepth'],
    gnn: ['model.hidden', 'model.layers'],
    'moe-lm': ['model.dModel', 'model.numLayers', 'model.expertHidden'],
  };
  it.each(Object.entries(WIDTH_AND_DEPTH))('%s has width and depth controls', (kind, paths) => {
    const fields = specSections({ model: { kind } as never }).flatMap((s) => s.fields);
    const byPath = new Map(fields.map((f) => [f.path.join('.'), f]));
    for (const path of paths) expect(byPath.has(path), path).toBe(true);
    for (const path of paths.filter((p) => p.endsWith('Depth')))
      expect(byPath.get(path)).toMatchObject({ kind: 'int', min: 1, max: 8, optional: true, emptyLabel: '1' });
  });

  it('takes ranges, options and kinds from the schema', () => {
    const fields = specSections({ dataset: { kind: 'clrs-lite' }, model: { kind: 'gnn' } }).flatMap((s) => s.fields);
    const byPath = (path: string) => fields.find((f) => f.path.join('.') === path);
    expect(byPath('training.steps')).toMatchObject({ kind: 'int', min: 1, max: 1_000_000 });
    expect(byPath('training.schedule')).toMatchObject({ kind: 'select', options: ['constant', 'cosine'] });
    expect(byPath('dataset.tasks')).toMatchObject({ kind: 'choices' });
    expect(byPath('dataset.numNodes')?.kind).toBe('numberList');
    expect(byPath('model.aggregation')?.options).toEqual(['attention', 'mean', 'max']);
    expect(byPath('model.kind')?.options).toEqual(['gnn']);
  });

  it('offers the model kinds that can train on the data', () => {
    expect(modelKindsFor('planted')).toEqual(MODEL_KINDS.filter((k) => !['gnn', 'moe-lm', 'branched'].includes(k)));
    expect(modelKindsFor('planted')).toContain('mmoe');
    expect(modelKindsFor('text')).toEqual(['moe-lm']);
    // a branched experiment keeps its own kind on offer
    const sections = specSections({ model: { kind: 'branched', layers: [[[0]]] } });
    expect(sections[1].fields[0].options).toContain('branched');
  });
});

describe('numberLimits', () => {
  it('reads range, integrality and default from the unlearning schema', () => {
    expect(numberLimits(UnlearnSpec.shape.steps)).toEqual({ min: 1, max: 10_000, int: true, default: 20 });
    const lr = numberLimits(UnlearnSpec.shape.learningRate);
    expect(lr.max).toBe(10);
    expect(lr.int).toBe(false);
    expect(lr.default).toBe(3e-3);
  });
  it('rejects a schema that is not a number', () => {
    expect(() => numberLimits(UnlearnSpec.shape.forget)).toThrow(/expected a number schema, got string/);
  });
});
