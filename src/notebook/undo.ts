// Undo records of notebook edits: a delete (the cell and its place) or an add of several cells at once
// (a one-click comparison). Undo applies the newest record: a deleted cell returns, added cells go.
import { removeCells, restoreCell, type DeletedCell } from './operations.ts';
import type { CellId, Notebook } from './schema.ts';

export type UndoRecord =
  | { type: 'delete'; deleted: DeletedCell }
  /** `what` names the edit for the undo banner ("a CompeteSMoE comparison"). */
  | { type: 'add'; cellIds: CellId[]; what: string };

export function applyUndo(notebook: Notebook, record: UndoRecord): Notebook {
  return record.type === 'delete' ? restoreCell(notebook, record.deleted) : removeCells(notebook, record.cellIds);
}

/** What the undo banner says about a record. */
export const describeUndo = (record: UndoRecord) =>
  record.type === 'delete' ? `Deleted a ${record.deleted.cell.kind} cell.` : `Added ${record.what}.`;
