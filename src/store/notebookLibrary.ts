// The notebook library in IndexedDB: every notebook the user made or opened, each under its own id,
// stored in the versioned file format (so an old entry migrates like an old file). Entries (name,
// dates, size) and documents are kept apart, so listing never reads every notebook. Deleting moves an
// entry to the trash; the trash is emptied of entries older than 30 days when the list is read.
import { createStore, delMany, get, getMany, keys, set as put, setMany, type UseStore } from 'idb-keyval';
import { newCellId } from '../notebook/ids.ts';
import { readNotebookValue, writeNotebookFile, type Notebook } from '../notebook/index.ts';

export const TRASH_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Where a library entry came from, shown in the list. */
export type EntryOrigin = 'new' | 'autosave' | 'link' | 'file' | 'lesson' | 'copy';

export interface LibraryEntry {
  id: string;
  title: string;
  origin: EntryOrigin;
  createdAt: number;
  updatedAt: number;
  /** Characters of the stored file (≈ bytes for the mostly-ASCII JSON). */
  sizeBytes: number;
  /** When it went to the trash; absent for a notebook in the list. */
  deletedAt?: number;
}

const entryKey = (id: string) => `entry:${id}`;
const docKey = (id: string) => `doc:${id}`;
const LAST_OPEN = 'last-open';

export interface NotebookLibrary {
  /** Every entry, trash included, newest first; trash past its 30 days is removed on the way. */
  list(now?: number): Promise<LibraryEntry[]>;
  /** The notebook, or undefined with the reason given to onProblem. */
  load(id: string, onProblem: (message: string) => void): Promise<Notebook | undefined>;
  /** A new entry; `id` fixed by the caller (an old autosave's) or made here. */
  create(notebook: Notebook, origin: EntryOrigin, now?: number, id?: string): Promise<LibraryEntry>;
  save(id: string, notebook: Notebook, now?: number): Promise<LibraryEntry>;
  trash(id: string, now?: number): Promise<void>;
  restore(id: string): Promise<void>;
  lastOpen(): Promise<string | undefined>;
  setLastOpen(id: string): Promise<void>;
}

export const newNotebookId = () => `n${newCellId().slice(1)}`;

export function createNotebookLibrary(store: UseStore = createStore('tasklab-library', 'notebooks')): NotebookLibrary {
  const entry = (id: string) => get<LibraryEntry>(entryKey(id), store);
  const write = async (value: LibraryEntry, notebook: Notebook) => {
    const text = writeNotebookFile(notebook);
    const stored = { ...value, title: notebook.title, sizeBytes: text.length };
    // One transaction: an entry never points at a missing or stale document.
    await setMany(
      [
        [entryKey(value.id), stored],
        [docKey(value.id), text],
      ],
      store,
    );
    return stored;
  };
  const mark = async (id: string, change: Partial<LibraryEntry>) => {
    const found = await entry(id);
    if (!found) throw new Error(`no notebook ${id} in the library`);
    await put(entryKey(id), { ...found, ...change }, store);
  };

  return {
    async list(now = Date.now()) {
      const entryKeys = (await keys<string>(store)).filter((k) => k.startsWith('entry:'));
      const entries = (await getMany<LibraryEntry | undefined>(entryKeys, store)).filter(
        (e): e is LibraryEntry => e !== undefined,
      );
      const expired = entries.filter((e) => e.deletedAt !== undefined && now - e.deletedAt > TRASH_DAYS * DAY_MS);
      if (expired.length)
        await delMany(
          expired.flatMap((e) => [entryKey(e.id), docKey(e.id)]),
          store,
        );
      return entries.filter((e) => !expired.includes(e)).sort((a, b) => b.updatedAt - a.updatedAt);
    },
    async load(id, onProblem) {
      const text = await get<string>(docKey(id), store);
      if (text === undefined) {
        onProblem(`The notebook ${id} is not in the library.`);
        return undefined;
      }
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        onProblem('The stored notebook is damaged (not JSON) and was not opened.');
        return undefined;
      }
      const result = readNotebookValue(value);
      if (result.ok) return result.notebook;
      onProblem(`The stored notebook could not be opened: ${result.error}`);
      return undefined;
    },
    create: (notebook, origin, now = Date.now(), id = newNotebookId()) =>
      write({ id, title: notebook.title, origin, createdAt: now, updatedAt: now, sizeBytes: 0 }, notebook),
    async save(id, notebook, now = Date.now()) {
      const found = await entry(id);
      return write(
        { ...(found ?? { id, origin: 'new', createdAt: now, title: '', sizeBytes: 0 }), updatedAt: now },
        notebook,
      );
    },
    trash: (id, now = Date.now()) => mark(id, { deletedAt: now }),
    restore: (id) => mark(id, { deletedAt: undefined }),
    lastOpen: () => get<string>(LAST_OPEN, store),
    setLastOpen: (id) => put(LAST_OPEN, id, store),
  };
}
