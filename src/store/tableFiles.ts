// Files too big to embed in the notebook, kept in IndexedDB by dataset name. A dataset cell whose
// source is `external` finds its rows here; the run bridge sends them to the training worker.
import { createStore, get, set as put, type UseStore } from 'idb-keyval';

export interface StoredTableFile {
  fileName: string;
  bytes: ArrayBuffer;
  savedAt: number;
}

export interface TableFiles {
  save(name: string, fileName: string, bytes: ArrayBuffer): Promise<void>;
  /** The stored file of dataset `name`, when it is there and came from `fileName`. */
  load(name: string, fileName?: string): Promise<StoredTableFile | undefined>;
}

export function createTableFiles(store: UseStore = createStore('tasklab-tables', 'files')): TableFiles {
  return {
    save: (name, fileName, bytes) =>
      put(name, { fileName, bytes, savedAt: Date.now() } satisfies StoredTableFile, store),
    async load(name, fileName) {
      const file = await get<StoredTableFile>(name, store);
      return file && (fileName === undefined || file.fileName === fileName) ? file : undefined;
    },
  };
}
