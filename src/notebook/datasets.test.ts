import { describe, expect, it } from 'vitest';
import { datasetNameFromFile, tableExperimentSpec, uniqueDatasetName } from './datasets.ts';
import type { Notebook } from './schema.ts';

const notebook: Notebook = {
  title: 'n',
  cells: [
    { id: 'a', kind: 'dataset', name: 'cars', source: { type: 'builtin', name: 'cars' } },
    { id: 'b', kind: 'dataset', name: 'cars 2', source: { type: 'builtin', name: 'cars' } },
  ],
};

describe('dataset cells', () => {
  it('derive names from files and keep them unique', () => {
    expect(datasetNameFromFile('My data (v2).csv')).toBe('My data (v2)');
    expect(datasetNameFromFile('<script>.csv')).toBe('script');
    expect(datasetNameFromFile('.csv')).toBe('data');
    expect(uniqueDatasetName(notebook, 'cars')).toBe('cars 3');
    expect(uniqueDatasetName(notebook, 'cars', 'a')).toBe('cars');
    expect(uniqueDatasetName(notebook, 'penguins')).toBe('penguins');
  });

  it('start a valid table experiment with the dialog settings', () => {
    const spec = tableExperimentSpec(
      'd',
      { inputs: ['x'], targets: ['y'], taskColumn: 'task' },
      { normalize: false, validationFraction: 0.3 },
    );
    expect(spec.dataset).toEqual({
      kind: 'table',
      table: 'd',
      inputs: ['x'],
      targets: ['y'],
      taskColumn: 'task',
      normalize: false,
    });
    expect(spec.training.validationFraction).toBe(0.3);
    expect(spec.seed).toBe(1);
  });
});
