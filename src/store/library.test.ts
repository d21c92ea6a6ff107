// The library as the page uses it: startup, lessons and links opened as new entries, each notebook's
// runs, and a full storage (mocked) that keeps the notebook and tells the user.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { defaultNotebook, type Notebook } from '../notebook/index.ts';
import { ExperimentSpec } from '../protocol/index.ts';
import { useLab } from './index.ts';
import { openLibraryEntry, storage, trashLibraryEntry, restoreLibraryEntry } from './libraryActions.ts';
import { importNotebook, startPersistence } from './persistence.ts';

const titled = (title: string): Notebook => ({ ...defaultNotebook(), title });
const settle = () => new Promise((resolve) => setTimeout(resolve, 400)); // past the autosave debounce
const listed = () =>
  useLab
    .getState()
    .libraryEntries.filter((e) => e.deletedAt === undefined)
    .map((e) => e.title);

describe('notebook library in the lab', () => {
  it('opening lessons 1 → 2 → 3 and a file adds entries (links: e2e/library.spec.ts) and leaves the first notebook intact, runs included', async () => {
    await startPersistence({ hash: '', search: '' });
    useLab.getState().setTitle('Mine');
    const mine = useLab.getState().notebook;
    const mineId = useLab.getState().notebookId!;
    // A finished run of the user's notebook.
    useLab
      .getState()
      .runAdded({ id: 'run-mine', cellId: mine.cells[1].id, name: 'mine', spec: ExperimentSpec.parse({}) });
    useLab.getState().runFinished('run-mine', { type: 'done', stepsRun: 1, seconds: 1, stopped: false, tasks: [] });
    await settle();

    for (const lesson of ['Lesson 1', 'Lesson 2', 'Lesson 3']) await importNotebook(titled(lesson), 'lesson');
    await importNotebook(titled('From a file'), 'file');
    expect(useLab.getState().notebook.title).toBe('From a file');
    expect(useLab.getState().runs['run-mine']).toBeUndefined(); // another notebook's runs are not shown
    expect(listed().sort()).toEqual(['From a file', 'Lesson 1', 'Lesson 2', 'Lesson 3', 'Mine']);

    expect(await openLibraryEntry(mineId)).toBe(true);
    expect(useLab.getState().notebook).toEqual(mine);
    expect(useLab.getState().runs['run-mine']?.status).toBe('done');
    expect(useLab.getState().runs['run-mine']?.notebookId).toBe(mineId);
  });

  it('deletes to the trash and restores from it', async () => {
    const lesson2 = useLab.getState().libraryEntries.find((e) => e.title === 'Lesson 2')!;
    await trashLibraryEntry(lesson2.id);
    expect(listed()).not.toContain('Lesson 2');
    expect(useLab.getState().libraryEntries.find((e) => e.id === lesson2.id)?.deletedAt).toBeGreaterThan(0);
    await restoreLibraryEntry(lesson2.id);
    expect(listed()).toContain('Lesson 2');
  });

  it('deleting the open notebook opens another one, never an empty page', async () => {
    const open = useLab.getState().notebookId!;
    await trashLibraryEntry(open);
    expect(useLab.getState().notebookId).not.toBe(open);
    expect(useLab.getState().notebookId).toBeDefined();
    await restoreLibraryEntry(open);
  });

  it('storage full (mocked): the edit stays on screen, the notice stays and names what to delete', async () => {
    const quota = Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });
    const save = vi.spyOn(storage().library, 'save').mockRejectedValue(quota);
    useLab.getState().setTitle('Edited while full');
    await settle();
    const state = useLab.getState();
    expect(state.notebook.title).toBe('Edited while full');
    expect(state.unsavedEdits).toBe(true);
    expect(state.storageProblem?.message).toContain('storage for TaskLab is full');
    expect(state.storageProblem?.message).toContain('Save file');
    expect(state.storageProblem?.largest.length).toBeGreaterThan(0);
    // Another notice does not replace it.
    state.setNotice('something else');
    expect(useLab.getState().storageProblem).toBeDefined();
    save.mockRestore();
    useLab.getState().setTitle('Edited after room was made');
    await settle();
    expect(useLab.getState().unsavedEdits).toBe(false);
    expect(listed()).toContain('Edited after room was made');
  });
});
