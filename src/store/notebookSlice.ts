// The open notebook document and its edits. Every edit goes through the pure operations in
// src/notebook, so the document stays valid; deletes and multi-cell adds are kept on a stack for undo.
import type { LessonSource } from './lessons.ts';
import type { StateCreator } from 'zustand';
import {
  addCell,
  addMoeComparison,
  applyUndo,
  defaultNotebook,
  deleteCell,
  duplicateCell,
  MOE_VARIANT_INFO,
  shiftCell,
  updateCell,
  type AddedComparison,
  type Cell,
  type MoeVariant,
  type Notebook,
  type UndoRecord,
} from '../notebook/index.ts';

/** How the notebook was opened, for the banner that explains where it came from. */
export type NotebookOrigin = 'default' | 'autosave' | 'link' | 'file' | 'lesson' | 'library';

/** A share link that could not be opened; the error page offers the user's last notebook instead. */
export interface LinkProblem {
  message: string;
  /** The library entry the user had open last. */
  lastOpen?: { id: string; title: string };
}

/** How a notebook is opened: its library entry and what it displaced. */
export interface OpenOptions {
  /** Its library entry; undefined when it could not be stored (storage full). */
  id?: string;
  /** The library entry that was open before, offered back in a banner. */
  replaced?: { id: string; title: string };
  lesson?: LessonSource;
}

export interface NotebookSlice {
  notebook: Notebook;
  /** False until the saved notebook and runs have been read (nothing is autosaved before). */
  ready: boolean;
  linkProblem?: LinkProblem;
  origin: NotebookOrigin;
  /** Edits that can be undone, newest last. */
  undoStack: UndoRecord[];
  /** The open notebook's library entry. */
  notebookId?: string;
  /** The library entry an import, lesson or link displaced, so the user can go back to it. */
  replaced?: { id: string; title: string };
  /** The shipped lesson this notebook was opened as (its short link is offered while it is unchanged). */
  lesson?: LessonSource;
  setReady(): void;
  setLinkProblem(problem: LinkProblem | undefined): void;
  /** Shows a document (the library actions in libraryActions.ts store it first). */
  openNotebook(notebook: Notebook, origin: NotebookOrigin, options?: OpenOptions): void;
  setTitle(title: string): void;
  addCellAt(cell: Cell, index?: number): void;
  shiftCellBy(id: string, by: -1 | 1): void;
  duplicateCellById(id: string): void;
  deleteCellById(id: string): void;
  /** Adds a sibling experiment with another router and a compare cell (see src/notebook/moeComparison.ts). */
  addMoeComparisonFor(cellId: string, variant: MoeVariant): Omit<AddedComparison, 'notebook'>;
  /** Undoes the newest delete or multi-cell add. */
  undo(): void;
  patchCell(id: string, patch: Partial<Cell>): void;
}

/** The slice's state once a notebook is opened (also used by libraryActions, which swaps the runs in the same update). */
export const openedState = (
  notebook: Notebook,
  origin: NotebookOrigin,
  options: OpenOptions = {},
): Partial<NotebookSlice> => ({
  notebook,
  origin,
  notebookId: options.id,
  replaced: options.replaced,
  lesson: options.lesson,
  undoStack: [],
  linkProblem: undefined,
});

export const createNotebookSlice: StateCreator<NotebookSlice> = (set, get) => ({
  notebook: defaultNotebook(),
  ready: false,
  origin: 'default',
  undoStack: [],
  setReady: () => set({ ready: true }),
  setLinkProblem: (linkProblem) => set({ linkProblem }),
  openNotebook: (notebook, origin, options) => set(openedState(notebook, origin, options)),
  setTitle: (title) => set((state) => ({ notebook: { ...state.notebook, title } })),
  addCellAt: (cell, index) => set((state) => ({ notebook: addCell(state.notebook, cell, index) })),
  shiftCellBy: (id, by) => set((state) => ({ notebook: shiftCell(state.notebook, id, by) })),
  duplicateCellById: (id) => set((state) => ({ notebook: duplicateCell(state.notebook, id) })),
  deleteCellById: (id) =>
    set((state) => {
      const { notebook, deleted } = deleteCell(state.notebook, id);
      return deleted ? { notebook, undoStack: [...state.undoStack, { type: 'delete', deleted }] } : {};
    }),
  addMoeComparisonFor: (cellId, variant) => {
    const { notebook, ...ids } = addMoeComparison(get().notebook, cellId, variant);
    const what = `a ${MOE_VARIANT_INFO[variant].suffix} comparison`;
    set((state) => ({
      notebook,
      undoStack: [...state.undoStack, { type: 'add', cellIds: [ids.siblingId, ids.compareId], what }],
    }));
    return ids;
  },
  undo: () =>
    set((state) => {
      const last = state.undoStack.at(-1);
      return last ? { notebook: applyUndo(state.notebook, last), undoStack: state.undoStack.slice(0, -1) } : {};
    }),
  patchCell: (id, patch) => set((state) => ({ notebook: updateCell(state.notebook, id, patch) })),
});
