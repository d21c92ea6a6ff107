// Pure edits of a notebook: each takes a notebook and returns a new one (the input is never changed),
// so the store can keep old versions for undo and React sees new references.
import type { Cell, CellId, Notebook } from './schema.ts';
import { newCellId, type IdMaker } from './ids.ts';

/** What a delete removed and where, so it can be put back exactly. */
export interface DeletedCell {
  cell: Cell;
  index: number;
}

const indexOf = (notebook: Notebook, id: CellId) => notebook.cells.findIndex((c) => c.id === id);
const clamp = (i: number, max: number) => Math.max(0, Math.min(max, i));

/** Inserts `cell` at `index` (default: the end). A cell whose id is taken gets a fresh id. */
export function addCell(
  notebook: Notebook,
  cell: Cell,
  index = notebook.cells.length,
  newId: IdMaker = newCellId,
): Notebook {
  const placed = indexOf(notebook, cell.id) >= 0 ? { ...cell, id: freshId(notebook, newId) } : cell;
  const cells = [...notebook.cells];
  cells.splice(clamp(index, cells.length), 0, placed);
  return { ...notebook, cells };
}

/** Moves a cell to position `to` (clamped); unknown ids leave the notebook as it is. */
export function moveCell(notebook: Notebook, id: CellId, to: number): Notebook {
  const from = indexOf(notebook, id);
  if (from < 0) return notebook;
  const cells = [...notebook.cells];
  const [cell] = cells.splice(from, 1);
  cells.splice(clamp(to, cells.length), 0, cell);
  return { ...notebook, cells };
}

/** Moves a cell one place up (-1) or down (+1). */
export const shiftCell = (notebook: Notebook, id: CellId, by: -1 | 1) =>
  moveCell(notebook, id, indexOf(notebook, id) + by);

/** A deep copy with a fresh id, placed right after the original. */
export function duplicateCell(notebook: Notebook, id: CellId, newId: IdMaker = newCellId): Notebook {
  const from = indexOf(notebook, id);
  if (from < 0) return notebook;
  const copy = { ...structuredClone(notebook.cells[from]), id: freshId(notebook, newId) };
  return addCell(notebook, copy, from + 1, newId);
}

export function deleteCell(notebook: Notebook, id: CellId): { notebook: Notebook; deleted?: DeletedCell } {
  const index = indexOf(notebook, id);
  if (index < 0) return { notebook };
  const cells = notebook.cells.filter((_, i) => i !== index);
  return { notebook: { ...notebook, cells }, deleted: { cell: notebook.cells[index], index } };
}

/** Undo of a delete: the cell returns at its old position (clamped) with its old id when free. */
export const restoreCell = (notebook: Notebook, deleted: DeletedCell, newId: IdMaker = newCellId) =>
  addCell(notebook, deleted.cell, deleted.index, newId);

/** Replaces a cell's fields (not its id or kind). */
export function updateCell<C extends Cell>(
  notebook: Notebook,
  id: CellId,
  patch: Partial<Omit<C, 'id' | 'kind'>>,
): Notebook {
  const index = indexOf(notebook, id);
  if (index < 0) return notebook;
  const cells = [...notebook.cells];
  cells[index] = { ...cells[index], ...patch, id: cells[index].id, kind: cells[index].kind } as Cell;
  return { ...notebook, cells };
}

export const findCell = (notebook: Notebook, id: CellId): Cell | undefined => notebook.cells.find((c) => c.id === id);

function freshId(notebook: Notebook, newId: IdMaker): CellId {
  for (;;) {
    const id = newId();
    if (indexOf(notebook, id) < 0) return id;
  }
}

/** Removes the cells with these ids (the undo of an add); unknown ids are ignored. */
export function removeCells(notebook: Notebook, ids: readonly CellId[]): Notebook {
  const gone = new Set(ids);
  return { ...notebook, cells: notebook.cells.filter((c) => !gone.has(c.id)) };
}
