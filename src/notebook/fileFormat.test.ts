import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectResult, FUZZ_RUNS, mutatedString, mutatedValue } from '../testing/fuzz.ts';
import { EXAMPLES } from '../shared/examples.ts';
import { defaultNotebook } from './defaultNotebook.ts';
import { readNotebookFile, readNotebookValue, writeNotebookFile } from './fileFormat.ts';
import { parseNotebook } from './schema.ts';
import { richNotebook } from './testNotebooks.ts';

describe('.tasklab.json files', () => {
  it('round-trips notebook → file → notebook identically', () => {
    for (const notebook of [defaultNotebook(), richNotebook(5000)]) {
      const text = writeNotebookFile(notebook);
      expect(JSON.parse(text)).toMatchObject({ format: 'tasklab-notebook', version: 1 });
      const back = readNotebookFile(text);
      expect(back).toEqual({ ok: true, notebook });
    }
  });

  it('keeps reading the checked-in version 1 file', () => {
    const text = readFileSync(new URL('./fixtures/v1-notebook.tasklab.json', import.meta.url), 'utf8');
    const result = readNotebookFile(text);
    if (!result.ok) throw new Error(result.error);
    expect(result.notebook.cells.map((c) => c.kind)).toEqual([
      'markdown',
      'experiment',
      'view',
      'dataset',
      'dataset',
      'dataset',
      'dataset',
      'experiment',
      'view',
      'compare',
      'markdown',
    ]);
    const planted = result.notebook.cells[1];
    expect(planted.kind === 'experiment' && planted.spec.seed).toBe(7);
    expect(result.notebook.title).toBe('Every cell kind <script>alert(1)</script>');
  });

  it('reads version 0 inputs: a bare notebook and a bare experiment spec', () => {
    const bare = readNotebookValue(defaultNotebook());
    expect(bare).toEqual({ ok: true, notebook: defaultNotebook() });
    const spec = readNotebookValue(EXAMPLES.planted.spec(4));
    if (!spec.ok) throw new Error(spec.error);
    expect(spec.notebook.cells).toHaveLength(1);
    expect(spec.notebook.cells[0].kind === 'experiment' && spec.notebook.cells[0].spec.seed).toBe(4);
  });

  it('runs the migration chain in order, and refuses newer versions or missing steps', () => {
    // A hypothetical v1 → v2 → v3 history: v2 renamed "title" to "name", v3 renamed it back.
    const migrations = {
      1: (nb: unknown) => ({ ...(nb as object), name: (nb as { title: string }).title, title: undefined }),
      2: (nb: unknown) => ({ ...(nb as object), title: `${(nb as { name: string }).name} (migrated)` }),
    };
    const file = { format: 'tasklab-notebook', version: 1, notebook: defaultNotebook() };
    const result = readNotebookValue(file, migrations, 3);
    expect(result.ok && result.notebook.title).toBe(`${defaultNotebook().title} (migrated)`);
    expect(readNotebookValue({ ...file, version: 2 }, {}, 3)).toEqual({
      ok: false,
      error: 'no migration from notebook format version 2 to 3',
    });
    const newer = readNotebookValue({ ...file, version: 9 });
    expect(!newer.ok && newer.error).toMatch(/newer TaskLab \(format version 9\)/);
  });

  it('names the field of an invalid notebook', () => {
    const file = JSON.parse(writeNotebookFile(defaultNotebook()));
    file.notebook.cells[1].spec.training.steps = -3;
    const result = readNotebookValue(file);
    expect(!result.ok && result.error).toMatch(/cells\.1\.spec\.training\.steps/);
    file.notebook.cells[1].spec.training.steps = 10;
    file.notebook.cells[2].id = 'intro';
    expect(!readNotebookValue(file).ok && (readNotebookValue(file) as { error: string }).error).toMatch(
      /duplicate cell id "intro"/,
    );
  });

  it(`never throws on ${FUZZ_RUNS} random and mutated files, and every rejection has a message`, () => {
    const valid = writeNotebookFile(richNotebook());
    const validValue = JSON.parse(valid);
    const input = fc.oneof(
      fc.string(),
      fc.json(),
      mutatedString(valid, '{}[]":,0123456789.-eE abcnulltruefalse\\'),
      mutatedValue(validValue, fc.jsonValue()).map((v) => JSON.stringify(v)),
    );
    let accepted = 0;
    fc.assert(
      fc.property(input, (text) => {
        const result = readNotebookFile(text);
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
