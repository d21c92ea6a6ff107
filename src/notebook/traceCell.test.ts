import { describe, expect, it } from 'vitest';
import { readNotebookFile, writeNotebookFile } from './fileFormat.ts';
import { decodeNotebookLink, encodeNotebookLink } from './link.ts';
import { parseNotebook } from './schema.ts';

const withCell = (cell: unknown) => ({ title: 't', cells: [cell] });

describe('trace cells', () => {
  const sample = {
    id: 'tr',
    kind: 'trace',
    source: { type: 'sample', path: 'traces/sample-4x8-top2.json' },
    segments: [4, 16],
  };
  const file = {
    id: 'tf',
    kind: 'trace',
    source: { type: 'file', fileName: 'big.tlrt', sizeBytes: 9_000_000_000 },
    segments: [8],
  };

  it('round-trip through files and links, naming the file but never carrying it', () => {
    const notebook = { title: 'traces', cells: [sample, file] };
    const parsed = parseNotebook(notebook);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(readNotebookFile(writeNotebookFile(parsed.notebook))).toEqual({ ok: true, notebook: parsed.notebook });
    const link = encodeNotebookLink(parsed.notebook);
    expect(link.namedOnly).toEqual([]);
    expect(decodeNotebookLink(link.hash)).toEqual({ ok: true, notebook: parsed.notebook });
  });

  it('defaults the segment lengths of a hand-written cell', () => {
    const result = parseNotebook(withCell({ id: 'a', kind: 'trace' }));
    expect(result.ok && result.notebook.cells[0]).toEqual({ id: 'a', kind: 'trace', segments: [4, 16, 64] });
  });

  it('refuses sample paths outside public/traces and bad segment lengths, naming the field', () => {
    for (const path of [
      '../secret.json',
      'traces/../../x',
      'traces/',
      'https://example.org/t.json',
      '/traces/a.json',
      'traces/sub/a.json',
    ]) {
      const result = parseNotebook(withCell({ ...sample, source: { type: 'sample', path } }));
      expect(result.ok ? 'accepted' : result.error, path).toMatch(
        /cells\.0\.source\.path: a shipped sample trace is "traces\/<file name>"/,
      );
    }
    const zero = parseNotebook(withCell({ ...sample, segments: [4, 0] }));
    expect(!zero.ok && zero.error).toMatch(/cells\.0\.segments\.1/);
    const none = parseNotebook(withCell({ ...sample, segments: [] }));
    expect(!none.ok && none.error).toMatch(/cells\.0\.segments/);
  });
});
