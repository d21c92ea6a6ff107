// The chunked array parser must agree with JSON.parse exactly, for every chunk size: values on valid
// text, a thrown SyntaxError on invalid text, and progress that only grows and ends at the text's length.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUZZ_RUNS } from '../../../testing/fuzz.ts';
import { parseJsonArray } from './jsonChunks.ts';

const outcome = (run: () => unknown) => {
  try {
    return { value: run() };
  } catch (error) {
    return { error: error instanceof SyntaxError ? 'SyntaxError' : String(error) };
  }
};

/**
 * JSON.parse and the chunked parser at several chunk sizes (1 splits at every top-level comma). A valid
 * array must come through the chunked path (its last progress is the whole text), not the fallback.
 */
function expectSameAsJsonParse(text: string) {
  const expected = outcome(() => JSON.parse(text));
  for (const chunk of [1, 2, 7, 64, 1 << 20]) {
    let last: number | undefined;
    expect(outcome(() => parseJsonArray(text, (done) => (last = done), chunk))).toEqual(expected);
    if ('value' in expected && Array.isArray(expected.value)) expect(last).toBe(text.length);
  }
}

const TRICKY_VALID = [
  '[]',
  ' [ ] ',
  '[{"a": "]", "b": "[", "c": "}{"}, {"a": "\\"],[{\\""}]',
  '[{"q": "a \\\\", "r": "\\\\\\""}, {"q": "\\u005d\\u005b", "r": "\\n\\t\\/"}]',
  '[{"emoji": "😀 é ß 中文", "lone": "\\ud800", "nul": "\\u0000"}, {"emoji": "x"}]',
  '[{"nested": {"a": [1, [2, {"b": "]"}]], "c": {}}}, {"nested": []}, [1, 2], "s,t", 3, null, true]',
  '[1e3, -0, 0.5, -1.5E-7, 12345678901234567890]',
  '\n[\r\n\t{"a":1}\n,\n{"a":2}\n]\n',
  '[{"__proto__": 1, "constructor": 2}, {"a": 1, "a": 2}]',
  '[{"a,b": ",", "c": ",,,"}, {"": ""}]',
];

const TRICKY_INVALID = [
  '',
  '[',
  '[1,]',
  '[1,,2]',
  '[1, ,2]',
  '[,1]',
  '[1 2]',
  '[{"a": 1},',
  '[{"a": "]}',
  '[{"a": 1}]]',
  '[{"a": 1}] x',
  '[{]}',
  '[{"a": 01}]',
  "[{'a': 1}]",
  '[{"a": "\\x"}]',
  '[{"a": "line\nbreak"}]',
  '[1, 2} ',
];

// Each input is parsed at five chunk sizes, so a fifth of the usual runs does as much work.
const RUNS = FUZZ_RUNS / 5;

describe('parseJsonArray', () => {
  it('agrees with JSON.parse on tricky valid arrays (brackets and escapes in strings, unicode, nesting)', () => {
    for (const text of TRICKY_VALID) {
      expect(() => JSON.parse(text)).not.toThrow();
      expectSameAsJsonParse(text);
    }
  });

  it('throws a SyntaxError wherever JSON.parse does', () => {
    for (const text of TRICKY_INVALID) {
      expect(() => JSON.parse(text)).toThrow(SyntaxError);
      expectSameAsJsonParse(text);
    }
  });

  it('gives non-array JSON to JSON.parse whole', () => {
    for (const text of ['{"a": [1, 2]}', '5', '"[1, 2]"', 'null']) expectSameAsJsonParse(text);
  });

  it('reports growing progress that ends at the whole text', () => {
    const records = Array.from({ length: 2000 }, (_, i) => ({ id: i, name: `row ${i}, "quoted" ]`, x: i / 7 }));
    const text = JSON.stringify(records);
    const seen: number[] = [];
    const value = parseJsonArray(
      text,
      (done, total) => {
        expect(total).toBe(text.length);
        seen.push(done);
      },
      4096,
    );
    expect(value).toEqual(records);
    expect(seen.length).toBeGreaterThan(text.length / 4096 - 2);
    expect(seen.at(-1)).toBe(text.length);
    for (let k = 1; k < seen.length; k++) expect(seen[k]).toBeGreaterThan(seen[k - 1]);
  });

  it(`agrees with JSON.parse on ${RUNS} random arrays, whole and cut or spliced`, () => {
    const arrays = fc.array(fc.jsonValue(), { maxLength: 12 }).map((v) => JSON.stringify(v, null, 1));
    const input = fc.oneof(
      arrays,
      fc
        .tuple(arrays, fc.nat(), fc.nat())
        .map(([t, a, b]) => t.slice(0, a % (t.length + 1)) + t.slice(b % (t.length + 1))),
      fc
        .tuple(arrays, fc.nat(), fc.constantFrom(',', ']', '[', '"', '\\', '}', ' '))
        .map(([t, a, c]) => t.slice(0, a % (t.length + 1)) + c + t.slice(a % (t.length + 1))),
    );
    fc.assert(
      fc.property(input, (text) => expectSameAsJsonParse(text)),
      { numRuns: RUNS },
    );
  });
});
