import { describe, expect, it } from 'vitest';
import { BUILTIN_TABLES, loadBuiltinTable } from './builtin.ts';
import { previewTable } from './preview.ts';
import { tableToDataset } from './toDataset.ts';

describe('built-in tables', () => {
  it('loads cars and penguins with their published sizes and column types', () => {
    const cars = loadBuiltinTable('cars')!;
    expect(cars.numRows).toBe(406);
    const types = Object.fromEntries(cars.columns.map((c) => [c.name, c.type]));
    expect(types).toMatchObject({ Miles_per_Gallon: 'number', Horsepower: 'number', Origin: 'text', Name: 'text' });
    expect(loadBuiltinTable('penguins')!.numRows).toBe(344);
    expect(loadBuiltinTable('nope')).toBeUndefined();
    expect(loadBuiltinTable('toString')).toBeUndefined();
  });

  it('turns each into a multitask dataset with its default roles', () => {
    for (const [name, builtin] of Object.entries(BUILTIN_TABLES)) {
      const result = tableToDataset(loadBuiltinTable(name)!, builtin.roles, {
        seed: 1,
        validationFraction: 0.2,
        normalize: true,
      });
      if (!result.ok) throw new Error(result.error);
      expect(result.dataset.taskNames).toEqual(builtin.roles.targets);
      expect(result.info.rowsUsed).toBeGreaterThan(300);
      expect(result.dataset.fields.x.values.every(Number.isFinite)).toBe(true);
    }
    // cars: 8 rows lack MPG and 6 lack horsepower; such rows keep their other targets under a mask.
    const cars = tableToDataset(loadBuiltinTable('cars')!, BUILTIN_TABLES.cars.roles, {
      seed: 1,
      validationFraction: 0.2,
      normalize: true,
    });
    expect(cars.ok && cars.info.rowsUsed).toBe(406);
    expect(cars.ok && cars.dataset.fields.mask.values.filter((m) => m === 0).length).toBe(14);
  });

  it('previews the first rows with column summaries', () => {
    const preview = previewTable(loadBuiltinTable('cars')!, 3);
    expect(preview.rows).toHaveLength(3);
    expect(preview.rows[0][0]).toBe('chevrolet chevelle malibu');
    const cyl = preview.columns.find((c) => c.name === 'Cylinders')!;
    expect(cyl).toMatchObject({ type: 'number', min: 3, max: 8, missing: 0 });
    expect(preview.columns.find((c) => c.name === 'Origin')!.distinct).toBe(3);
  });
});
