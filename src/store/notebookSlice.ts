// The open notebook document and its edits. Every edit goes through the pure operations in
// src/notebook, so the document stays valid; deletes are kept on a stack for undo.
import type { StateCreator } from 'zustand';
import {
  addCell,
  defaultNotebook,
  deleteCell,
  duplicateCell,
  restoreCell,
  shiftCell,
  updateCell,
  type Cell,
  type DeletedCell,
  type Notebook,
} from '../notebook/index.ts';

/** How the notebook was opened, for the banner that explains where it came from. */
export type NotebookOrigin = 'default' | 'autosave' | 'link' | 'file';

/** A share link that could not be opened, with the autosave the error page offers instead. */
export interface LinkProblem {
  message: string;
  autosaved?: Notebook;
}

export interface NotebookSlice {
  notebook: Notebook;
  /** False until the saved notebook and runs have been read (nothing is autosaved before). */
  ready: boolean;
  linkProblem?: LinkProblem;
  origin: NotebookOrigin;
  deleted: DeletedCell[];
  /** The notebook an import or link replaced, so the replacement can be undone. */
  replaced?: Notebook;
  setReady(): void;
  setLinkProblem(problem: LinkProblem | undefined): void;
  /** Opens a document; `replaced` is what it displaces, offered back in a banner. */
  openNotebook(notebook: Notebook, origin: NotebookOrigin, replaced?: Notebook): void;
  undoReplace(): void;
  setTitle(title: string): void;
  addCellAt(cell: Cell, index?: number): void;
  shiftCellBy(id: string, by: -1 | 1): void;
  duplicateCellById(id: string): void;
  deleteCellById(id: string): void;
  undoDelete(): void;
  patchCell(id: string, patch: Partial<Cell>): void;
}

export const createNotebookSlice: StateCreator<NotebookSlice> = (set) => ({
  notebook: defaultNotebook(),
  ready: false,
  origin: 'default',
  deleted: [],
  setReady: () => set({ ready: true }),
  setLinkProblem: (linkProblem) => set({ linkProblem }),
  openNotebook: (notebook, origin, replaced) => set({ notebook, origin, replaced, deleted: [], linkProblem: undefined }),
  undoReplace: () => set((state) => (state.replaced ? { notebook: state.replaced, replaced: undefined, origin: 'autosave' } : {})),
  setTitle: (title) => set((state) => ({ notebook: { ...state.notebook, title } })),
  addCellAt: (cell, index) => set((state) => ({ notebook: addCell(state.notebook, cell, index) })),
  shiftCellBy: (id, by) => set((state) => ({ notebook: shiftCell(state.notebook, id, by) })),
  duplicateCellById: (id) => set((state) => ({ notebook: duplicateCell(state.notebook, id) })),
  deleteCellById: (id) =>
    set((state) => {
      const { notebook, deleted } = deleteCell(state.notebook, id);
      return deleted ? { notebook, deleted: [...state.deleted, deleted] } : {};
    }),
  undoDelete: () =>
    set((state) => {
      const last = state.deleted.at(-1);
      return last ? { notebook: restoreCell(state.notebook, last), deleted: state.deleted.slice(0, -1) } : {};
    }),
  patchCell: (id, patch) => set((state) => ({ notebook: updateCell(state.notebook, id, patch) })),
});
