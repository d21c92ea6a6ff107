// What the user does with the notebook library: open an entry, open something from elsewhere as a
// new entry (never over the open one), new, duplicate, rename, delete to the trash, restore. Opening
// switches the notebook and its runs in one store update, so each notebook keeps its own run history.
import { defaultNotebook, type Notebook } from '../notebook/index.ts';
import { useLab } from './index.ts';
import type { LessonSource } from './lessons.ts';
import { createNotebookLibrary, type EntryOrigin, type NotebookLibrary } from './notebookLibrary.ts';
import { openedState, type NotebookOrigin, type OpenOptions } from './notebookSlice.ts';
import { createRunHistory, type RunHistory } from './runHistory.ts';
import { runsForNotebook, type RunRecord } from './runsSlice.ts';
import { takeResults } from './sharedResults.ts';
import { storageProblem } from './storageSpace.ts';

let session: { library: NotebookLibrary; history: RunHistory } | undefined;
/** The library and run history of this page (created on first use: IndexedDB opens lazily). */
export const storage = () => (session ??= { library: createNotebookLibrary(), history: createRunHistory() });

let pendingSave: (() => Promise<void>) | undefined;
/** Registered by the autosave: stores an edit that is still waiting for its debounce. */
export const setPendingSave = (save: (() => Promise<void>) | undefined) => (pendingSave = save);
const flushPendingSave = async () => {
  const save = pendingSave;
  pendingSave = undefined;
  await save?.();
};

export async function refreshLibrary(): Promise<void> {
  const entries = await storage().library.list();
  useLab.getState().setLibraryEntries(entries);
}

/** Shows a failed write until the user dismisses it, with what to delete when storage is full. */
export function reportStorageFailure(what: string, error: unknown): void {
  useLab.getState().setStorageProblem(storageProblem(what, error, useLab.getState().libraryEntries));
}

const runsOf = async (id: string) => (await storage().history.load(false)).filter((run) => run.notebookId === id);

/**
 * Puts a notebook on screen with its runs, in one update (the run autosave sees a switch, not deletions).
 * Results saved with a shared notebook become the author's runs, stored in the run history like the
 * notebook's own (a local run with the same id wins).
 */
function show(opened: Notebook, origin: NotebookOrigin, options: OpenOptions, runs: RunRecord[] = []) {
  const { notebook, authorRuns } = takeResults(opened, options.id, runs);
  useLab.setState((state) => ({
    ...openedState(notebook, origin, options),
    selectedRuns: {},
    unsavedEdits: false,
    runs: runsForNotebook(state.runs, [...authorRuns, ...runs]),
  }));
  for (const run of authorRuns)
    storage()
      .history.save(run)
      .catch(() => undefined);
  if (options.id)
    storage()
      .library.setLastOpen(options.id)
      .catch(() => undefined);
}

/** The entry open now, offered back after something new is opened. */
function currentEntry() {
  const { notebookId, notebook } = useLab.getState();
  return notebookId ? { id: notebookId, title: notebook.title } : undefined;
}

/**
 * Opens a notebook from a file, link, lesson or "New" as a new library entry. The open notebook stays
 * in the library; when storage is full the new one is still shown (not stored) and the user is told.
 */
export async function openAsNewNotebook(notebook: Notebook, origin: EntryOrigin, lesson?: LessonSource): Promise<void> {
  await flushPendingSave();
  const replaced = currentEntry();
  let id: string | undefined;
  try {
    id = (await storage().library.create(notebook, origin)).id;
  } catch (error) {
    reportStorageFailure(`Adding "${notebook.title}" to the library`, error);
  }
  const shownAs: NotebookOrigin = origin === 'new' || origin === 'copy' ? 'default' : origin;
  show(notebook, shownAs, { id, replaced, lesson });
  if (id === undefined) useLab.getState().setUnsavedEdits(true);
  await refreshLibrary().catch(() => undefined);
}

export async function openLibraryEntry(id: string, origin: NotebookOrigin = 'library'): Promise<boolean> {
  if (id === useLab.getState().notebookId) return true;
  await flushPendingSave();
  const notebook = await storage().library.load(id, (message) => useLab.getState().setNotice(message));
  if (!notebook) return false;
  show(notebook, origin, { id }, await runsOf(id));
  return true;
}

export const newNotebook = () => openAsNewNotebook(defaultNotebook(), 'new');

export async function duplicateLibraryEntry(id: string): Promise<void> {
  await flushPendingSave();
  const { library } = storage();
  const notebook = await library.load(id, (message) => useLab.getState().setNotice(message));
  if (!notebook) return;
  try {
    await library.create({ ...notebook, title: `${notebook.title} (copy)`.slice(0, 200) }, 'copy');
  } catch (error) {
    reportStorageFailure(`Duplicating "${notebook.title}"`, error);
  }
  await refreshLibrary();
}

export async function renameLibraryEntry(id: string, title: string): Promise<void> {
  if (id === useLab.getState().notebookId) {
    useLab.getState().setTitle(title);
    await flushPendingSave();
  } else {
    const { library } = storage();
    const notebook = await library.load(id, (message) => useLab.getState().setNotice(message));
    if (notebook)
      await library
        .save(id, { ...notebook, title })
        .catch((error) => reportStorageFailure(`Renaming "${notebook.title}"`, error));
  }
  await refreshLibrary();
}

/** Moves an entry to the trash; deleting the open notebook opens the newest other one (or a new one). */
export async function trashLibraryEntry(id: string): Promise<void> {
  await flushPendingSave();
  await storage().library.trash(id);
  await refreshLibrary();
  if (id !== useLab.getState().notebookId) return;
  const next = useLab.getState().libraryEntries.find((e) => e.deletedAt === undefined);
  if (!next || !(await openLibraryEntry(next.id))) await newNotebook();
}

export async function restoreLibraryEntry(id: string): Promise<void> {
  await storage().library.restore(id);
  await refreshLibrary();
}
