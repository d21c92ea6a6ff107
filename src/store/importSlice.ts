// A table being imported through the column-role dialog: parsing in a worker, then its preview
// waiting for roles. Nothing here touches the notebook until the person confirms, so a failed or
// cancelled import loses nothing.
import type { StateCreator } from 'zustand';
import type { TablePreview } from '../protocol/reports.ts';
import type { DatasetSource } from '../notebook/index.ts';
import type { InlineTable } from '../protocol/index.ts';

export interface DataImport {
  /** Tells a stale parse (superseded by a newer drop) from the current one. */
  token: number;
  fileName: string;
  /** While 'parsing', the job's progress is in the jobs slice (`jobKeys.tableImport`). */
  status: 'parsing' | 'ready' | 'failed';
  /** The dataset cell the file was dropped on, or whose roles are edited; else a new cell is made. */
  targetCellId?: string;
  error?: string;
  preview?: TablePreview;
  /** The whole table, when small enough to embed in the notebook. */
  inline?: InlineTable;
  /** The file, kept to store in IndexedDB when it is too big to embed. */
  bytes?: ArrayBuffer;
  /** Editing roles of a cell whose rows stay where they are. */
  keepSource?: DatasetSource;
}

export interface ImportSlice {
  dataImport?: DataImport;
  setDataImport(next: DataImport | undefined): void;
  /** Applies a change only while `token` is still the current import. */
  patchDataImport(token: number, patch: Partial<DataImport>): void;
}

export const createImportSlice: StateCreator<ImportSlice> = (set) => ({
  dataImport: undefined,
  setDataImport: (dataImport) => set({ dataImport }),
  patchDataImport: (token, patch) =>
    set((state) => (state.dataImport?.token === token ? { dataImport: { ...state.dataImport, ...patch } } : {})),
});
