import { describe, expect, it } from 'vitest';
import { tableFromRows, type Table } from './table.ts';
import { tableToDataset, type ColumnRoles, type TableDatasetOptions } from './toDataset.ts';

function table(columns: string[], rows: (number | string | null)[][]): Table {
  const result = tableFromRows('t.csv', columns, rows);
  if (!result.ok) throw new Error(result.error);
  return result.table;
}

const wide = () =>
  table(
    ['x', 'c', 't1', 't2'],
    [
      [1, 'a', 10, 1],
      [2, 'b', 20, null],
      [3, 'a', 30, 3],
      [4, null, 40, 5],
    ],
  );

function convert(t: Table, roles: ColumnRoles, options: Partial<TableDatasetOptions> = {}) {
  const result = tableToDataset(t, roles, { seed: 5, validationFraction: 0, normalize: true, ...options });
  if (!result.ok) throw new Error(result.error);
  return result;
}

/** Rows of a [n, width] field, as arrays, sorted by their first value. */
const rowsOf = (values: Float32Array, width: number) =>
  Array.from({ length: values.length / width }, (_, r) => Array.from(values.subarray(r * width, (r + 1) * width)));

describe('table → dataset', () => {
  it('one-hot encodes text inputs, masks missing targets and z-scores with hand-computed statistics', () => {
    const { dataset, info } = convert(wide(), { inputs: ['x', 'c'], targets: ['t1', 't2'] });
    expect(dataset.taskNames).toEqual(['t1', 't2']);
    expect(info.features).toEqual(['x', 'c=a', 'c=b']);
    expect(dataset.fields.x.shape).toEqual([3]);
    expect(info.rowsUsed).toBe(4);
    const close = (a: { mean: number; std: number }, mean: number, std: number) => {
      expect(a.mean).toBeCloseTo(mean, 6);
      expect(a.std).toBeCloseTo(std, 6);
    };
    close(info.inputStats[0], 2.5, Math.sqrt(1.25));
    close(info.inputStats[1], 0.5, 0.5);
    close(info.inputStats[2], 0.25, Math.sqrt(0.1875));
    close(info.targetStats[0], 25, Math.sqrt(125));
    close(info.targetStats[1], 3, Math.sqrt(8 / 3)); // over present values 1, 3, 5 only
    // Undo the z-score and compare with the table, row by row (the order is shuffled).
    const xs = rowsOf(dataset.fields.x.values, 3).map((r) =>
      r.map((v, f) => v * info.inputStats[f].std + info.inputStats[f].mean),
    );
    const ys = rowsOf(dataset.fields.y.values, 2).map((r) =>
      r.map((v, t) => v * info.targetStats[t].std + info.targetStats[t].mean),
    );
    const masks = rowsOf(dataset.fields.mask.values, 2);
    const rows = xs.map((x, i) =>
      [...x, ...ys[i].map((y, t) => (masks[i][t] ? y : null))].map((v) =>
        v === null ? null : Math.round(v * 1e4) / 1e4,
      ),
    );
    rows.sort((a, b) => a[0]! - b[0]!);
    expect(rows).toEqual([
      [1, 1, 0, 10, 1],
      [2, 0, 1, 20, null],
      [3, 1, 0, 30, 3],
      [4, 0, 0, 40, 5],
    ]);
  });

  it('computes statistics on the training rows only (the first rows after the seeded shuffle)', () => {
    const raw = convert(wide(), { inputs: ['x'], targets: ['t1'] }, { normalize: false, validationFraction: 0.5 });
    const firstTwo = Array.from(raw.dataset.fields.x.values.subarray(0, 2));
    const mean = (firstTwo[0] + firstTwo[1]) / 2;
    const { info } = convert(wide(), { inputs: ['x'], targets: ['t1'] }, { validationFraction: 0.5 });
    expect(info.inputStats[0].mean).toBeCloseTo(mean, 6);
    expect(info.inputStats[0].std).toBeCloseTo(Math.abs(firstTwo[0] - firstTwo[1]) / 2, 6);
    expect(raw.dataset.fields.mask).toBeUndefined();
    // Same seed, same order; another seed, (here) another order.
    expect(
      convert(wide(), { inputs: ['x'], targets: ['t1'] }, { normalize: false, validationFraction: 0.5 }).dataset,
    ).toEqual(raw.dataset);
    const other = convert(wide(), { inputs: ['x'], targets: ['t1'] }, { normalize: false, seed: 99 });
    expect(Array.from(other.dataset.fields.x.values).sort()).toEqual([1, 2, 3, 4]);
  });

  it('drops rows with a missing numeric input', () => {
    const t = table(
      ['x', 'y'],
      [
        [1, 2],
        [null, 3],
        [5, 6],
      ],
    );
    const { info } = convert(t, { inputs: ['x'], targets: ['y'] });
    expect(info).toMatchObject({ rowsUsed: 2, rowsDropped: 1 });
  });

  it('reads long format: the task column picks which target each row has', () => {
    const t = table(
      ['task', 'x', 'value'],
      [
        ['A', 1, 10],
        ['B', 2, 20],
        ['A', 3, 30],
        [null, 4, 40],
      ],
    );
    const { dataset, info } = convert(
      t,
      { inputs: ['x'], targets: ['value'], taskColumn: 'task' },
      { normalize: false },
    );
    expect(dataset.taskNames).toEqual(['A', 'B']);
    expect(info.rowsUsed).toBe(3);
    const rows = rowsOf(dataset.fields.x.values, 1).map((x, i) => [
      x[0],
      ...rowsOf(dataset.fields.y.values, 2)[i],
      ...rowsOf(dataset.fields.mask.values, 2)[i],
    ]);
    rows.sort((a, b) => a[0] - b[0]);
    expect(rows).toEqual([
      [1, 10, 0, 1, 0],
      [2, 0, 20, 0, 1],
      [3, 30, 0, 1, 0],
    ]);
  });

  it('names the column and problem of bad roles', () => {
    const error = (roles: ColumnRoles) => {
      const result = tableToDataset(wide(), roles, { seed: 1, validationFraction: 0.2, normalize: true });
      return result.ok ? 'ok' : result.error;
    };
    expect(error({ inputs: ['x', 'zz'], targets: ['t1'] })).toBe(
      't.csv: input column "zz" is not in t.csv; its columns are "x", "c", "t1", "t2"',
    );
    expect(error({ inputs: ['x'], targets: ['c'] })).toBe(
      't.csv: target column "c" holds text (row 1: "a"); targets must be numeric',
    );
    expect(error({ inputs: ['x'], targets: ['x'] })).toBe(
      't.csv: column "x" has two roles; each column is an input, a target or the task column',
    );
    expect(error({ inputs: [], targets: ['t1'] })).toBe('t.csv: choose at least one input column');
    expect(error({ inputs: ['x'], targets: ['t1', 't2'], taskColumn: 'c' })).toBe(
      't.csv: long format (task column "c") takes exactly one value column as target, got 2',
    );
    const gaps = table(
      ['x', 'y'],
      [
        [null, 1],
        [2, null],
      ],
    );
    const none = tableToDataset(
      gaps,
      { inputs: ['x'], targets: ['y'] },
      { seed: 1, validationFraction: 0, normalize: true },
    );
    expect(none).toEqual({
      ok: false,
      error: 't.csv: no usable rows: every row misses an input value or all target values',
    });
    const infinite = table(
      ['x', 'y'],
      [
        [1, 2],
        ['inf', 3],
        [3, 4],
      ],
    );
    const asInput = tableToDataset(
      infinite,
      { inputs: ['x'], targets: ['y'] },
      { seed: 1, validationFraction: 0, normalize: true },
    );
    expect(asInput).toEqual({
      ok: false,
      error:
        't.csv: input column "x", row 2: inf is not a finite number; fix it, or leave the cell empty to mark it missing',
    });
    const asTarget = tableToDataset(
      infinite,
      { inputs: ['y'], targets: ['x'] },
      { seed: 1, validationFraction: 0, normalize: true },
    );
    expect(asTarget.ok || asTarget.error).toMatch(/target column "x", row 2: inf is not a finite number/);
  });
});
