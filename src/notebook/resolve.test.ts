import { describe, expect, it } from 'vitest';
import { ExperimentSpec } from '../protocol/index.ts';
import { resolveDatasetCells } from './resolve.ts';
import { richNotebook } from './testNotebooks.ts';

const specOn = (table: string) =>
  ExperimentSpec.parse({ dataset: { kind: 'table', table, inputs: ['x1'], targets: ['y1'] } });

describe('resolveDatasetCells', () => {
  const notebook = richNotebook();

  it('writes an inline dataset cell into the spec', () => {
    const result = resolveDatasetCells(specOn('small'), notebook);
    expect(result.ok && result.spec.dataset).toMatchObject({
      kind: 'table',
      table: { columns: ['x1', 'x2', 'y1', 'y2'] },
    });
    expect(result.ok && ExperimentSpec.safeParse(result.spec).success).toBe(true);
  });

  it('maps a built-in cell to its name, and leaves other specs alone', () => {
    const cars = resolveDatasetCells(specOn('cars'), notebook);
    expect(cars.ok && cars.spec.dataset).toMatchObject({ table: 'cars' });
    const planted = ExperimentSpec.parse({});
    expect(resolveDatasetCells(planted, notebook)).toEqual({ ok: true, spec: planted });
    expect(resolveDatasetCells(specOn('penguins'), notebook)).toEqual({ ok: true, spec: specOn('penguins') });
  });

  it('asks for the file of an external dataset', () => {
    expect(resolveDatasetCells(specOn('gone'), notebook)).toEqual({
      ok: false,
      error: 'dataset "gone" needs its file "huge.parquet" again: its rows were too big to keep in the notebook',
      missing: { cellId: 'data-gone', fileName: 'huge.parquet' },
    });
  });
});
