// Opening the lab: move an old autosave into the notebook library, open the notebook the user had
// open last (or a share/lesson link as a new library entry, never over the user's own), apply URL
// parameters (`?backend=` for the page, `?spec=` to the first experiment, neither saved into the
// notebook), then autosave every edit to the open entry and every run change to the run history.
import { decodeNotebookLink, looksLikeNotebookLink, readLessonLink, type Notebook } from '../notebook/index.ts';
import { parseSpec, type ExperimentSpec } from '../protocol/index.ts';
import { useLab } from './index.ts';
import {
  openAsNewNotebook,
  openLibraryEntry,
  refreshLibrary,
  reportStorageFailure,
  setPendingSave,
  storage,
} from './libraryActions.ts';
import { fetchLesson, type LessonSource } from './lessons.ts';
import type { LibraryEntry } from './notebookLibrary.ts';
import { migrateLegacyAutosave } from './notebookStorage.ts';
import { persistRunChanges } from './runHistory.ts';
import { nearlyFullWarning, requestPersistentStorage } from './storageSpace.ts';
import { readUrlBackend, readUrlOverride } from './urlSpec.ts';

const AUTOSAVE_DELAY_MS = 250;

interface PageAddress {
  hash: string;
  search: string;
}

/** A `?spec=` applied to a cell: while the cell still holds it, autosave keeps the cell's own spec. */
interface UrlSpecApplied {
  cellId: string;
  own: ExperimentSpec;
  applied: ExperimentSpec;
}

/** Applies `?spec=` to the first experiment cell: as its spec when valid, else as a draft. */
function applyUrlSpec(search: string): UrlSpecApplied | undefined {
  const { notebook, patchCell, setDraft, setNotice } = useLab.getState();
  const cell = notebook.cells.find((c) => c.kind === 'experiment');
  if (!cell || cell.kind !== 'experiment') return;
  const override = readUrlOverride(search, cell.spec);
  if (override.errors.length) setNotice(override.errors.join('\n'));
  if (!override.spec) return;
  const parsed = parseSpec(override.spec);
  if (!parsed.ok) return void setDraft(cell.id, override.spec);
  patchCell(cell.id, { spec: parsed.spec });
  return { cellId: cell.id, own: cell.spec, applied: parsed.spec };
}

/** The notebook as autosave writes it: a link's `?spec=` the user has not edited stays out of it. */
function withoutUrlSpec(notebook: Notebook, url: UrlSpecApplied | undefined): Notebook {
  if (!url) return notebook;
  const cells = notebook.cells.map((c) =>
    c.id === url.cellId && c.kind === 'experiment' && c.spec === url.applied ? { ...c, spec: url.own } : c,
  );
  return { ...notebook, cells };
}

/**
 * Once a link is in the library, the address drops it: a reload then reopens that entry with its
 * edits instead of adding the link again.
 */
function forgetOpenedLink() {
  const params = new URLSearchParams(location.search);
  params.delete('lesson');
  params.delete('hide');
  const search = params.toString();
  history.replaceState(history.state, '', `${location.pathname}${search ? `?${search}` : ''}`);
}

/** Opens `?lesson=`; false when there is none or it fails (with a notice). */
async function openLessonLink(search: string): Promise<boolean> {
  const { setNotice } = useLab.getState();
  const link = readLessonLink(search);
  if (!link) return false;
  if ('error' in link) {
    setNotice(link.error);
    return false;
  }
  try {
    const lesson = await fetchLesson(link.file);
    const notebook = link.hiddenControls
      ? { ...lesson, presentation: { ...lesson.presentation, hiddenControls: link.hiddenControls } }
      : lesson;
    await openAsNewNotebook(notebook, 'lesson', { file: link.file, original: lesson });
    forgetOpenedLink();
    return true;
  } catch (error) {
    setNotice(`The lesson "${link.file}" in the link could not be opened (${(error as Error).message}).`);
    return false;
  }
}

async function openFromAddress(address: PageAddress, last: LibraryEntry | undefined) {
  // The user's own notebook first, so a link opened next is offered "Go back to it".
  const openedLast = last ? await openLibraryEntry(last.id, 'autosave') : false;
  const hash = address.hash.replace(/^#/, '');
  if (looksLikeNotebookLink(hash)) {
    const result = decodeNotebookLink(hash);
    if (!result.ok)
      return useLab
        .getState()
        .setLinkProblem({ message: result.error, lastOpen: last && { id: last.id, title: last.title } });
    await openAsNewNotebook(result.notebook, 'link');
    return forgetOpenedLink();
  }
  if (await openLessonLink(address.search)) return;
  if (!openedLast) await openAsNewNotebook(useLab.getState().notebook, 'new');
}

/** Replaces the open notebook on screen with one from a file or the lesson gallery; the open one stays in the library. */
export async function importNotebook(
  notebook: Notebook,
  origin: 'file' | 'lesson' = 'file',
  lesson?: LessonSource,
): Promise<void> {
  await openAsNewNotebook(notebook, origin, lesson);
}

export async function startPersistence(address: PageAddress): Promise<void> {
  // Before anything can start a run or the first-visit benchmark.
  const url = readUrlBackend(address.search);
  useLab.getState().setBackendPreference({ pageBackend: url.backend });
  if (url.error) useLab.getState().setNotice(url.error);
  try {
    await restoreAndAutosave(address);
  } finally {
    // Whatever storage did, the page must open (on the default notebook at worst).
    useLab.getState().setReady();
  }
}

/** Runs from before the library belong to the notebook that was the autosave. */
async function restoreRuns(legacyOwner: string | undefined) {
  const { history } = storage();
  const runs = await history.load();
  if (!legacyOwner) return;
  await Promise.all(
    runs.filter((run) => !run.notebookId).map((run) => history.save({ ...run, notebookId: legacyOwner })),
  );
}

async function restoreAndAutosave(address: PageAddress): Promise<void> {
  const { setNotice } = useLab.getState();
  const { library, history } = storage();
  void requestPersistentStorage();
  try {
    const legacy = await migrateLegacyAutosave(library, setNotice);
    await restoreRuns(legacy?.id).catch((error: Error) =>
      setNotice(`The saved run history could not be read (${error.message}); new runs will still be shown.`),
    );
    const entries = await library.list();
    const lastId = (await library.lastOpen()) ?? legacy?.id;
    const inList = entries.filter((e) => e.deletedAt === undefined);
    await openFromAddress(address, inList.find((e) => e.id === lastId) ?? inList[0]);
    await refreshLibrary();
  } catch (error) {
    setNotice(
      `The notebook library could not be read: ${(error as Error).message}. Your work in this page is not being stored; use Save file.`,
    );
  }
  const urlSpec = applyUrlSpec(address.search);
  nearlyFullWarning(useLab.getState().libraryEntries).then(
    (warning) => useLab.getState().setStorageWarning(warning),
    () => undefined,
  );

  const saveRunChanges = persistRunChanges(history, setNotice);
  let autosaveTimer: ReturnType<typeof setTimeout> | undefined;
  useLab.subscribe((state, previous) => {
    // Opening another notebook swaps the runs on screen; that is not a deletion.
    const switched = state.notebookId !== previous.notebookId;
    if (state.runs !== previous.runs && !switched) saveRunChanges(state.runs, previous.runs);
    if (state.notebook === previous.notebook || switched || state.linkProblem) return;
    const { notebook, notebookId } = state;
    const save = () => saveNotebook(notebook, notebookId, withoutUrlSpec(notebook, urlSpec));
    clearTimeout(autosaveTimer);
    setPendingSave(save);
    if (!state.unsavedEdits) state.setUnsavedEdits(true);
    autosaveTimer = setTimeout(() => {
      setPendingSave(undefined);
      void save();
    }, AUTOSAVE_DELAY_MS);
  });
}

/** Stores an edit (as `stored`: without an unedited `?spec=`) in its library entry (a notebook that has none yet gets one). */
async function saveNotebook(notebook: Notebook, id: string | undefined, stored = notebook): Promise<void> {
  const { library } = storage();
  try {
    if (id) await library.save(id, stored);
    else {
      const entry = await library.create(stored, 'new');
      if (useLab.getState().notebook === notebook) useLab.setState({ notebookId: entry.id });
    }
    if (useLab.getState().notebook === notebook) useLab.getState().setUnsavedEdits(false);
    await refreshLibrary();
  } catch (error) {
    reportStorageFailure(`Autosave of "${notebook.title}"`, error);
  }
}
