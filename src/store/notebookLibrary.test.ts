import 'fake-indexeddb/auto';
import { createStore, set as put } from 'idb-keyval';
import { describe, expect, it } from 'vitest';
import { defaultNotebook, writeNotebookFile } from '../notebook/index.ts';
import { createNotebookLibrary, TRASH_DAYS } from './notebookLibrary.ts';
import { migrateLegacyAutosave } from './notebookStorage.ts';

const DAY = 24 * 60 * 60 * 1000;
let n = 0;
const freshLibrary = () => createNotebookLibrary(createStore(`library-test-${++n}`, 'notebooks'));
const titled = (title: string) => ({ ...defaultNotebook(), title });

describe('notebook library', () => {
  it('keeps every notebook with its name, dates and size, newest first, and saves edits in place', async () => {
    const library = freshLibrary();
    const mine = await library.create(titled('Mine'), 'new', 1000);
    await library.create(titled('Lesson 1'), 'lesson', 2000);
    await library.save(mine.id, { ...titled('Mine'), cells: [] }, 3000);
    const list = await library.list(3000);
    expect(list.map((e) => [e.title, e.origin, e.updatedAt])).toEqual([
      ['Mine', 'new', 3000],
      ['Lesson 1', 'lesson', 2000],
    ]);
    expect(list[0].sizeBytes).toBe(writeNotebookFile({ ...titled('Mine'), cells: [] }).length);
    expect(list[0].createdAt).toBe(1000);
    expect((await library.load(mine.id, () => undefined))?.cells).toEqual([]);
  });

  it('deletes to a trash that restores within 30 days and is emptied after', async () => {
    const library = freshLibrary();
    const a = await library.create(titled('A'), 'new', 0);
    const b = await library.create(titled('B'), 'new', 0);
    await library.trash(a.id, DAY);
    await library.trash(b.id, DAY);
    expect((await library.list(2 * DAY)).map((e) => e.deletedAt)).toEqual([DAY, DAY]);
    await library.restore(a.id);
    const later = await library.list(DAY + (TRASH_DAYS + 1) * DAY);
    expect(later.map((e) => e.title)).toEqual(['A']);
    expect(later[0].deletedAt).toBeUndefined();
    const problems: string[] = [];
    expect(await library.load(b.id, (m) => problems.push(m))).toBeUndefined();
    expect(problems[0]).toContain('not in the library');
  });

  it('moves an old autosave and the notebook kept aside into the library once', async () => {
    const library = freshLibrary();
    const legacy = createStore(`legacy-test-${n}`, 'notebook');
    await put('current', writeNotebookFile(titled('My autosave')), legacy);
    await put('previous', writeNotebookFile(titled('Kept aside')), legacy);
    const owner = await migrateLegacyAutosave(library, () => undefined, legacy);
    expect(owner?.title).toBe('My autosave');
    expect((await library.list()).map((e) => e.title).sort()).toEqual(['Kept aside', 'My autosave']);
    expect(await migrateLegacyAutosave(library, () => undefined, legacy)).toBeUndefined();
    expect(await library.list()).toHaveLength(2);
  });

  it('moves an old autosave once even when the page closed before its slot was emptied', async () => {
    const library = freshLibrary();
    const legacy = createStore(`legacy-twice-${n}`, 'notebook');
    await put('current', writeNotebookFile(titled('My autosave')), legacy);
    const first = await migrateLegacyAutosave(library, () => undefined, legacy);
    await put('current', writeNotebookFile(titled('My autosave')), legacy); // the slot as a closed page left it
    const again = await migrateLegacyAutosave(library, () => undefined, legacy);
    expect(again?.id).toBe(first?.id);
    expect((await library.list()).map((e) => e.title)).toEqual(['My autosave']);
  });

  it('leaves a damaged old autosave where it was and says so', async () => {
    const library = freshLibrary();
    const legacy = createStore(`legacy-bad-${n}`, 'notebook');
    await put('current', '{not json', legacy);
    const problems: string[] = [];
    expect(await migrateLegacyAutosave(library, (m) => problems.push(m), legacy)).toBeUndefined();
    expect(problems).toEqual([
      'The old autosaved notebook ("current") is damaged (not JSON); it was left where it was.',
    ]);
    expect(await library.list()).toEqual([]);
  });
});
