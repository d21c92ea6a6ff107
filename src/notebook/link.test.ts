import fc from 'fast-check';
import { deflateSync, strToU8 } from 'fflate';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectResult, FUZZ_RUNS, mutatedString, mutatedValue } from '../testing/fuzz.ts';
import { decodeBase64url, encodeBase64url } from './base64url.ts';
import { defaultNotebook } from './defaultNotebook.ts';
import { readNotebookFile } from './fileFormat.ts';
import {
  decodeNotebookLink,
  encodeNotebookLink,
  LINK_LIMITS,
  looksLikeNotebookLink,
  shareLinkProblem,
} from './link.ts';
import { parseNotebook } from './schema.ts';
import { richNotebook } from './testNotebooks.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

describe('base64url', () => {
  it('matches Node for every length and round-trips', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + n * 13) & 255);
      const text = encodeBase64url(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64url'));
      expect(decodeBase64url(text)).toEqual({ ok: true, bytes });
    }
    expect(decodeBase64url('ab+c')).toEqual({ ok: false, position: 2 });
  });
});

describe('share links', () => {
  it('round-trips notebook → link → notebook identically', () => {
    for (const notebook of [defaultNotebook(), defaultNotebook(42), richNotebook()]) {
      const link = encodeNotebookLink(notebook);
      expect(link.hash.startsWith('#v1.')).toBe(true);
      expect(link.namedOnly).toEqual([]);
      expect(decodeNotebookLink(link.hash)).toEqual({ ok: true, notebook });
      expect(decodeNotebookLink(`https://example.org/lab/${link.hash}`)).toEqual({ ok: true, notebook });
    }
  });

  it('embeds small tables and names big ones', () => {
    const notebook = richNotebook(5000);
    const link = encodeNotebookLink(notebook);
    expect(link.namedOnly).toEqual(['big']);
    const back = decodeNotebookLink(link.hash);
    if (!back.ok) throw new Error(back.error);
    const big = back.notebook.cells.find((c) => c.id === 'data-big');
    expect(big).toMatchObject({
      kind: 'dataset',
      name: 'big',
      source: { type: 'external', fileName: 'big.csv', numRows: 5000, columns: ['u', 'v'] },
    });
    // Everything else is untouched, including the small embedded table.
    const others = (nb: typeof notebook) => nb.cells.filter((c) => c.id !== 'data-big');
    expect(others(back.notebook)).toEqual(others(notebook));
    expect(JSON.stringify(notebook.cells.find((c) => c.id === 'data-big')).length).toBeGreaterThan(
      LINK_LIMITS.embedBytes,
    );
  });

  it('keeps opening the checked-in v1 link, to the same notebook as the v1 file', () => {
    const result = decodeNotebookLink(fixture('v1-link.txt').trim());
    if (!result.ok) throw new Error(result.error);
    expect(result).toEqual(readNotebookFile(fixture('v1-notebook.tasklab.json')));
    expect(result.notebook.cells.find((c) => c.id === 'data-small')).toMatchObject({
      source: { type: 'inline', table: { columns: ['x1', 'x2', 'y1', 'y2'] } },
    });
  });

  it('explains broken links', () => {
    const { hash } = encodeNotebookLink(defaultNotebook());
    const error = (link: string) => {
      const result = decodeNotebookLink(link);
      return result.ok ? 'ok' : result.error;
    };
    expect(error(hash.slice(0, hash.length - 20))).toMatch(/cut off/);
    expect(error('#v1.')).toMatch(/empty after/);
    expect(error('#v1.abc$def')).toMatch(/position 8/);
    expect(error('#v7.abc')).toMatch(/format v7/);
    expect(error('#hello')).toMatch(/should start with "#v1\."/);
    const notJson = encodeBase64url(deflateSync(strToU8('{"format": "tasklab-notebook", ')));
    expect(error(`#v1.${notJson}`)).toMatch(/not valid JSON/);
    const bomb = encodeBase64url(deflateSync(new Uint8Array(LINK_LIMITS.maxInflatedBytes + 10)));
    expect(error(`#v1.${bomb}`)).toMatch(/expands to more than 32 MB/);
  });

  it('reports the default notebook link size (documented in the bench too)', () => {
    expect(encodeNotebookLink(defaultNotebook()).hash.length).toBeLessThan(2000);
  });

  it(`never throws on ${FUZZ_RUNS} random and mutated links, and every rejection has a message`, () => {
    const notebook = richNotebook();
    const { hash } = encodeNotebookLink(notebook);
    const file = { format: 'tasklab-notebook', version: 1, notebook };
    const pack = (text: string) => `#v1.${encodeBase64url(deflateSync(strToU8(text)))}`;
    const input = fc.oneof(
      fc.string(),
      fc.string({ unit: fc.constantFrom(...B64) }).map((s) => `#v1.${s}`),
      mutatedString(hash, B64),
      // Valid compression around damaged content reaches the JSON and schema checks.
      mutatedString(JSON.stringify(file), '{}[]":,0123456789.-eE abcnulltrue').map(pack),
      mutatedValue(file, fc.jsonValue()).map((v) => pack(JSON.stringify(v))),
    );
    let accepted = 0;
    fc.assert(
      fc.property(input, (link) => {
        const result = decodeNotebookLink(link);
        expectResult(result);
        if (result.ok) expect(parseNotebook(result.notebook).ok).toBe(true);
        if (result.ok) accepted++;
      }),
      { numRuns: FUZZ_RUNS },
    );
    // The mutations must also produce valid notebooks, or the schema path is never exercised.
    expect(accepted).toBeGreaterThan(100);
  });
});

describe('share link limits', () => {
  it('hands out links up to the stated limit and refuses longer ones, offering the file', () => {
    expect(shareLinkProblem(`https://lab.example/#v1.${'a'.repeat(900_000)}`)).toBeNull();
    const problem = shareLinkProblem(`https://lab.example/#v1.${'a'.repeat(2_400_000)}`);
    expect(problem).toContain('2.4 million characters');
    expect(problem).toContain('Save file');
  });

  it('recognises a link of any version, so an unknown one is reported instead of ignored', () => {
    expect(looksLikeNotebookLink('#v2.abc')).toBe(true);
    expect(looksLikeNotebookLink('v1.abc')).toBe(true);
    expect(looksLikeNotebookLink('#section-2')).toBe(false);
    expect(decodeNotebookLink('#v2.abc')).toEqual({
      ok: false,
      error: 'this link has format v2; this TaskLab opens v1 links',
    });
  });
});
