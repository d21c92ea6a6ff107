import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectResult, FUZZ_RUNS, mutatedString } from '../../../testing/fuzz.ts';
import { parseDelimited } from './delimited.ts';
import { cellAt } from './table.ts';
import { tableToDataset } from './toDataset.ts';

const parse = (text: string, delimiter?: string) => parseDelimited(text, { name: 'data.csv', delimiter });
const errorOf = (text: string) => {
  const result = parse(text);
  return result.ok ? 'ok' : result.error;
};

describe('CSV and TSV', () => {
  it('reads a header, numbers, text, quotes and missing values', () => {
    const result = parse('x,label,y\n1,"a, b",2.5\n-3,,NA\n\n4e1,"say ""hi""",0\n');
    if (!result.ok) throw new Error(result.error);
    const { table } = result;
    expect(table.numRows).toBe(3);
    expect(table.columns.map((c) => [c.name, c.type, c.missing])).toEqual([
      ['x', 'number', 0],
      ['label', 'text', 1],
      ['y', 'number', 1],
    ]);
    expect([0, 1, 2].map((r) => table.columns.map((c) => cellAt(c, r)))).toEqual([
      [1, 'a, b', 2.5],
      [-3, null, null],
      [40, 'say "hi"', 0],
    ]);
  });

  it('guesses ";" and tab separators and honours an explicit one', () => {
    expect(
      parse('a;b\n1;2\n').ok && (parse('a;b\n1;2\n') as { table: { columns: unknown[] } }).table.columns.length,
    ).toBe(2);
    const tsv = parse('a\tb\n1,5\t2\n', '\t');
    expect(tsv.ok && tsv.table.columns.map((c) => c.type)).toEqual(['text', 'number']);
  });

  it('names the row of a ragged line, a bad quote, and the header problems', () => {
    expect(errorOf('a,b,c\n1,2,3\n4,5\n')).toBe('data.csv: row 2 has 2 fields, expected 3 like the header');
    expect(errorOf('a,b\n1,2\n3,4,99\n')).toBe(
      'data.csv: row 2 has 3 fields, expected 2 like the header; extra value "99"',
    );
    expect(errorOf('a,b\n1,2\n3,"4\n')).toMatch(/^data\.csv: row 2: .*[Qq]uote/);
    expect(errorOf('a,b,a\n1,2,3\n')).toBe('data.csv: columns 1 and 3 are both named "a"');
    expect(errorOf('')).toBe('data.csv is empty: expected a header row naming the columns');
    expect(errorOf('a,b\n')).toBe('data.csv: no data rows below the header');
    expect(errorOf('a,b\n1\u00002,3\n')).toMatch(/does not look like text/);
  });

  it('reports mixed types and empty columns with their rows when the columns are used', () => {
    const result = parse('x,y,z\n1,2,\n2,oops,\n3,4,\n');
    if (!result.ok) throw new Error(result.error);
    expect(result.table.columns.map((c) => c.type)).toEqual(['number', 'mixed', 'empty']);
    const asTarget = tableToDataset(
      result.table,
      { inputs: ['x'], targets: ['y'] },
      { seed: 1, validationFraction: 0, normalize: true },
    );
    expect(asTarget).toEqual({
      ok: false,
      error:
        'data.csv: target column "y" mixes numbers and text (row 1 holds a number, row 2 holds "oops"); targets must be numeric',
    });
    const emptyInput = tableToDataset(
      result.table,
      { inputs: ['z'], targets: ['x'] },
      { seed: 1, validationFraction: 0, normalize: true },
    );
    expect(emptyInput).toEqual({ ok: false, error: 'data.csv: input column "z" is empty (no values in any row)' });
  });

  it(`never throws on ${FUZZ_RUNS} random and mutated files; rejections have messages`, () => {
    const valid = 'a,b,label,t1,t2\n1,2.5,x,3,4\n-1,0,"y, z",,5\n2,1e-3,x,6,NA\n';
    const alphabet = 'ab,;\t\n\r"\'. -+e0123456789NA';
    const input = fc.oneof(
      fc.string(),
      fc.string({ unit: fc.constantFrom(...alphabet) }),
      mutatedString(valid, alphabet),
    );
    let accepted = 0;
    fc.assert(
      fc.property(input, (text) => {
        const result = parse(text);
        expectResult(result);
        if (!result.ok) return;
        accepted++;
        for (const column of result.table.columns) {
          expect(column.numbers.length).toBe(result.table.numRows);
          if (column.texts) expect(column.texts.length).toBe(result.table.numRows);
        }
        // Whatever parsed must also convert, or be refused with a message.
        const names = result.table.columns.map((c) => c.name);
        expectResult(
          tableToDataset(
            result.table,
            { inputs: names.slice(0, 1), targets: names.slice(-1) },
            { seed: 1, validationFraction: 0.2, normalize: true },
          ),
        );
      }),
      { numRuns: FUZZ_RUNS },
    );
    expect(accepted).toBeGreaterThan(100);
  });
});
