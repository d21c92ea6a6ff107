// Opening the lab: pick the notebook (share link, else autosave, else the default), apply link
// parameters (`?backend=` for the page, `?spec=` to the first experiment, neither saved into the
// notebook), restore the run history, then autosave every notebook edit and every run change.
import { decodeNotebookLink, LINK_PREFIX, readLessonLink, type Notebook } from '../notebook/index.ts';
import { parseSpec, type ExperimentSpec } from '../protocol.ts';
import { useBackendPreference } from './backendPreference.ts';
import { useLab } from './index.ts';
import { fetchLesson, type LessonSource } from './lessons.ts';
import { createNotebookStorage, type NotebookStorage } from './notebookStorage.ts';
import { createRunHistory, persistRunChanges } from './runHistory.ts';
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
  const cells = notebook.cells.map((c) => (c.id === url.cellId && c.kind === 'experiment' && c.spec === url.applied ? { ...c, spec: url.own } : c));
  return { ...notebook, cells };
}

async function openNotebook(address: PageAddress, storage: NotebookStorage, autosaved: Notebook | undefined) {
  const { openNotebook, setLinkProblem } = useLab.getState();
  const link = address.hash.replace(/^#/, '');
  if (link.startsWith(LINK_PREFIX)) {
    const result = decodeNotebookLink(link);
    if (result.ok) {
      if (autosaved) await storage.keepPrevious(autosaved);
      return openNotebook(result.notebook, 'link', autosaved);
    }
    setLinkProblem({ message: result.error, autosaved });
    return;
  }
  if (await openLessonLink(address.search, storage, autosaved)) return;
  if (autosaved) openNotebook(autosaved, 'autosave');
}

/** Opens `?lesson=` (a lesson's short link) with the link's hidden controls; false when there is none or it fails. */
async function openLessonLink(search: string, storage: NotebookStorage, autosaved: Notebook | undefined): Promise<boolean> {
  const { openNotebook, setNotice } = useLab.getState();
  const link = readLessonLink(search);
  if (!link) return false;
  if ('error' in link) {
    setNotice(link.error);
    return false;
  }
  try {
    const lesson = await fetchLesson(link.file);
    const notebook = link.hiddenControls ? { ...lesson, presentation: { ...lesson.presentation, hiddenControls: link.hiddenControls } } : lesson;
    if (autosaved) await storage.keepPrevious(autosaved);
    openNotebook(notebook, 'lesson', autosaved, { file: link.file, original: lesson });
    return true;
  } catch (error) {
    setNotice(`The lesson "${link.file}" in the link could not be opened (${(error as Error).message}).`);
    return false;
  }
}

/** Replaces the open notebook with one from a file or the lesson gallery, keeping the old one aside. */
export async function importNotebook(notebook: Notebook, origin: 'file' | 'lesson' = 'file', lesson?: LessonSource): Promise<void> {
  const current = useLab.getState().notebook;
  await createNotebookStorage().keepPrevious(current);
  useLab.getState().openNotebook(notebook, origin, current, lesson);
}

export async function startPersistence(address: PageAddress): Promise<void> {
  // Before anything can start a run or the first-visit benchmark.
  const url = readUrlBackend(address.search);
  useBackendPreference.setState({ pageBackend: url.backend });
  if (url.error) useLab.getState().setNotice(url.error);
  try {
    await restoreAndAutosave(address);
  } finally {
    // Whatever storage did, the page must open (on the default notebook at worst).
    useLab.getState().setReady();
  }
}

async function restoreAndAutosave(address: PageAddress): Promise<void> {
  const { setNotice, runsRestored } = useLab.getState();
  const storage = createNotebookStorage();
  const autosaved = await storage.load(setNotice).catch((error: Error) => {
    setNotice(`The autosaved notebook could not be read: ${error.message}`);
    return undefined;
  });
  await openNotebook(address, storage, autosaved);
  const urlSpec = applyUrlSpec(address.search);

  const history = createRunHistory();
  try {
    runsRestored(await history.load());
  } catch (error) {
    setNotice(`The saved run history could not be read (${(error as Error).message}); new runs will still be shown.`);
  }

  const saveRunChanges = persistRunChanges(history, setNotice);
  let autosaveTimer: ReturnType<typeof setTimeout> | undefined;
  useLab.subscribe((state, previous) => {
    if (state.runs !== previous.runs) saveRunChanges(state.runs, previous.runs);
    if (state.notebook !== previous.notebook && !state.linkProblem) {
      clearTimeout(autosaveTimer);
      autosaveTimer = setTimeout(() => storage.save(withoutUrlSpec(state.notebook, urlSpec)).catch((e: Error) => setNotice(`Autosave failed: ${e.message}`)), AUTOSAVE_DELAY_MS);
    }
  });
}
