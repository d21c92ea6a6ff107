// The autosaved notebook in IndexedDB, stored in the versioned file format so that an autosave
// from an older TaskLab migrates like an old file would.
import { createStore, get, set as put, type UseStore } from 'idb-keyval';
import { readNotebookValue, writeNotebookFile, type Notebook } from '../notebook/index.ts';

const CURRENT = 'current';
/** The notebook a link or an import last replaced, so opening one never loses the user's work. */
const PREVIOUS = 'previous';

export interface NotebookStorage {
  /** The last autosave; undefined when there is none or it cannot be read (the reason goes to onProblem). */
  load(onProblem: (message: string) => void, key?: string): Promise<Notebook | undefined>;
  save(notebook: Notebook): Promise<void>;
  /** Keeps `notebook` aside before something replaces it. */
  keepPrevious(notebook: Notebook): Promise<void>;
}

export function createNotebookStorage(store: UseStore = createStore('tasklab-notebook', 'notebook')): NotebookStorage {
  return {
    async load(onProblem, key = CURRENT) {
      const text = await get<string>(key, store);
      if (text === undefined) return undefined;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        onProblem('The autosaved notebook is damaged (not JSON) and was not opened.');
        return undefined;
      }
      const result = readNotebookValue(value);
      if (result.ok) return result.notebook;
      onProblem(`The autosaved notebook could not be opened: ${result.error}`);
      return undefined;
    },
    save: (notebook) => put(CURRENT, writeNotebookFile(notebook), store),
    keepPrevious: (notebook) => put(PREVIOUS, writeNotebookFile(notebook), store),
  };
}
