// Before the notebook library, the lab kept one autosave ("current") and the notebook a link or
// import last replaced ("previous") in this IndexedDB store. On first open they move into the
// library, so nobody loses work by upgrading; the old store is then left empty.
import { createStore, delMany, get, type UseStore } from 'idb-keyval';
import { readNotebookValue } from '../notebook/index.ts';
import type { EntryOrigin, LibraryEntry, NotebookLibrary } from './notebookLibrary.ts';

const LEGACY_KEYS: [key: string, origin: EntryOrigin][] = [
  ['previous', 'autosave'],
  ['current', 'autosave'],
];

/**
 * Moves the old autosave (and the notebook kept aside) into the library. Returns the entry made
 * from the autosave, which the old run history belongs to; undefined when there was none.
 */
export async function migrateLegacyAutosave(
  library: NotebookLibrary,
  onProblem: (message: string) => void,
  legacy: UseStore = createStore('tasklab-notebook', 'notebook'),
): Promise<LibraryEntry | undefined> {
  let current: LibraryEntry | undefined;
  for (const [key, origin] of LEGACY_KEYS) {
    const text = await get<string>(key, legacy);
    if (text === undefined) continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      onProblem(`The old autosaved notebook ("${key}") is damaged (not JSON); it was left where it was.`);
      continue;
    }
    const result = readNotebookValue(value);
    if (!result.ok) {
      onProblem(`The old autosaved notebook ("${key}") could not be read: ${result.error}; it was left where it was.`);
      continue;
    }
    // A fixed id per slot: a page closed after storing the entry but before emptying the slot
    // finds that entry next time instead of adding a second copy.
    const id = `n-legacy-${key}`;
    const entry =
      (await library.list()).find((e) => e.id === id) ?? (await library.create(result.notebook, origin, undefined, id));
    await delMany([key], legacy);
    if (key === 'current') current = entry;
  }
  return current;
}
