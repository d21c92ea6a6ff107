import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectResult, FUZZ_RUNS, mutatedString, mutatedValue } from '../../../testing/fuzz.ts';
import { parseJsonText } from './records.ts';
import { cellAt } from './table.ts';

const errorOf = (text: string) => {
  const result = parseJsonText(text, 'data.json');
  return result.ok ? 'ok' : result.error;
};

describe('JSON records', () => {
  it('takes the union of keys in first-seen order; absent keys are missing', () => {
    const result = parseJsonText('[{"a": 1, "b": "x"}, {"b": "y", "c": true}, {"a": "2.5", "c": null}]', 'data.json');
    if (!result.ok) throw new Error(result.error);
    const { table } = result;
    expect(table.columns.map((c) => [c.name, c.type])).toEqual([
      ['a', 'number'],
      ['b', 'text'],
      ['c', 'text'],
    ]);
    expect([0, 1, 2].map((r) => table.columns.map((c) => cellAt(c, r)))).toEqual([
      [1, 'x', null],
      [null, 'y', 'true'],
      [2.5, null, null],
    ]);
  });

  it('names the record and column of bad input', () => {
    expect(errorOf('{"a": 1}')).toMatch(/expected a JSON array of records/);
    expect(errorOf('[]')).toBe('data.json: the array holds no records');
    expect(errorOf('[{"a": 1}, 5]')).toBe('data.json: record 2 is a number, expected an object like {"x": 1}');
    expect(errorOf('[{"a": 1}, {"a": [1, 2]}]')).toBe(
      'data.json: record 2, column "a": nested an array is not supported; use plain numbers or text',
    );
    expect(errorOf('[{"a": 1},')).toMatch(/^data\.json is not valid JSON: /);
    expect(errorOf('[{}, {}]')).toBe('data.json: the records have no keys, so there are no columns');
  });

  it(`never throws on ${FUZZ_RUNS} random and mutated inputs; rejections have messages`, () => {
    const records = [
      { x: 1, y: 'a', z: null },
      { x: 2.5, y: 'b', z: 3 },
    ];
    const input = fc.oneof(
      fc.string(),
      fc.json(),
      mutatedString(JSON.stringify(records), '[]{}":,0123456789.-xyz nul'),
      mutatedValue(records, fc.jsonValue()).map((v) => JSON.stringify(v)),
    );
    fc.assert(
      fc.property(input, (text) => {
        const result = parseJsonText(text, 'data.json');
        expectResult(result);
        if (result.ok) for (const c of result.table.columns) expect(c.numbers.length).toBe(result.table.numRows);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});
