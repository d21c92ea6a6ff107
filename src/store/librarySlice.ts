// What the page shows about the notebook library and the browser's storage: the list of notebooks,
// a storage problem that stays until dismissed (quota exceeded), how full storage is, and whether
// the open notebook has edits not yet stored.
import type { StateCreator } from 'zustand';
import type { LibraryEntry } from './notebookLibrary.ts';

export interface StorageProblem {
  message: string;
  /** What to delete to make room: the largest notebooks, biggest first. */
  largest: LibraryEntry[];
}

export interface LibrarySlice {
  libraryEntries: LibraryEntry[];
  storageProblem?: StorageProblem;
  /** "Storage is 92 % full: …" when the browser's quota is nearly used. */
  storageWarning?: string;
  /** True from an edit until it is stored; the page warns before closing while true. */
  unsavedEdits: boolean;
  setLibraryEntries(entries: LibraryEntry[]): void;
  setStorageProblem(problem: StorageProblem | undefined): void;
  setStorageWarning(warning: string | undefined): void;
  setUnsavedEdits(unsaved: boolean): void;
}

export const createLibrarySlice: StateCreator<LibrarySlice> = (set) => ({
  libraryEntries: [],
  unsavedEdits: false,
  setLibraryEntries: (libraryEntries) => set({ libraryEntries }),
  setStorageProblem: (storageProblem) => set({ storageProblem }),
  setStorageWarning: (storageWarning) => set({ storageWarning }),
  setUnsavedEdits: (unsavedEdits) => set({ unsavedEdits }),
});
