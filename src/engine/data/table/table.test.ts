import { describe, expect, it } from 'vitest';
import { cellAt, classifyCell, ColumnBuilder, tableFromRows, toInlineTable } from './table.ts';

const column = (...cells: (string | number | null)[]) => {
  const builder = new ColumnBuilder('c');
  cells.forEach((c) => builder.push(c));
  return builder.finish();
};

describe('cells and columns', () => {
  it('classifies cells as numbers, text or missing', () => {
    expect(classifyCell(' 1.5e3 ')).toBe(1500);
    expect(classifyCell('-.25')).toBe(-0.25);
    expect(classifyCell('0x1F')).toBe('0x1F');
    // Infinite values are numbers (so a column of them is named as not finite, not as "mixed").
    expect(classifyCell('Infinity')).toBe(Infinity);
    expect(classifyCell(' -inf')).toBe(-Infinity);
    expect(classifyCell('1e999')).toBe(Infinity);
    expect(classifyCell('infinite')).toBe('infinite');
    expect(classifyCell('NA')).toBeNull();
    expect(classifyCell('')).toBeNull();
    expect(classifyCell(NaN)).toBeNull();
    expect(classifyCell(true)).toBe('true');
  });

  it('infers number, text, mixed and empty columns', () => {
    const numbers = column('1', '2.5', '', 4);
    expect(numbers.type).toBe('number');
    expect(Array.from(numbers.numbers)).toEqual([1, 2.5, NaN, 4]);
    expect(numbers.missing).toBe(1);
    expect(column('a', null, 'b').type).toBe('text');
    expect(column(null, '').type).toBe('empty');
    expect(column('1', '1e999', '-Infinity').firstNonFinite).toEqual({ row: 2, value: '1e999' });
    expect(column('1', '2').firstNonFinite).toBeUndefined();
    const mixed = column('1', '2', 'oops', '3');
    expect(mixed).toMatchObject({ type: 'mixed', firstNumberRow: 1, firstText: { row: 3, value: 'oops' } });
    expect(mixed.texts).toEqual(['1', '2', 'oops', '3']);
    expect(cellAt(mixed, 2)).toBe('oops');
    expect(cellAt(numbers, 2)).toBeNull();
  });

  it('grows past its first buffer', () => {
    const big = column(...Array.from({ length: 3000 }, (_, i) => i));
    expect(big.numbers.length).toBe(3000);
    expect(big.numbers[2999]).toBe(2999);
  });

  it('builds tables from rows and names the bad row or header', () => {
    const ok = tableFromRows('t', ['a', '', 'c'], [[1, 'x', null]]);
    expect(ok.ok && ok.table.columns.map((c) => c.name)).toEqual(['a', 'column 2', 'c']);
    expect(tableFromRows('t', ['a', 'b'], [[1, 2], [3]])).toEqual({
      ok: false,
      error: 'row 2 has 1 cells, expected 2 (one per column)',
    });
    expect(tableFromRows('t', ['a', 'b', 'a'], [[1, 2, 3]])).toEqual({
      ok: false,
      error: 'columns 1 and 3 are both named "a"',
    });
    expect(tableFromRows('t', ['a'], [])).toEqual({ ok: false, error: 't: no data rows below the header' });
  });

  it('writes a table back as header and rows, which read back to the same table', () => {
    const rows = [
      [1, 'x', null],
      [2.5, null, 7],
      [3, 'y', 8],
    ];
    const first = tableFromRows('t', ['a', 'b', 'c'], rows);
    if (!first.ok) throw new Error(first.error);
    const inline = toInlineTable(first.table);
    expect(inline).toEqual({ columns: ['a', 'b', 'c'], rows });
    expect(tableFromRows('t', inline.columns, inline.rows)).toEqual(first);
    expect(toInlineTable(first.table, 1).rows).toEqual([[1, 'x', null]]);
  });
});
