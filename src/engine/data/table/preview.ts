// What the column-role dialog shows: the first rows and, per column, its inferred type,
// missing count and a short summary.
import { cellAt, describeColumnType, type Table } from './table.ts';
import type { ColumnPreview, TablePreview } from '../../../protocol/reports.ts';
export type { ColumnPreview, TablePreview };

const MAX_DISTINCT = 10_000;

export function previewTable(table: Table, numRows = 20): TablePreview {
  const shown = Math.min(numRows, table.numRows);
  return {
    name: table.name,
    numRows: table.numRows,
    columns: table.columns.map((column) => {
      const preview: ColumnPreview = {
        name: column.name,
        type: column.type,
        typeNote: describeColumnType(column),
        missing: column.missing,
      };
      if (column.type === 'number') {
        let min = Infinity,
          max = -Infinity,
          sum = 0,
          count = 0;
        for (const v of column.numbers) {
          if (Number.isNaN(v)) continue;
          min = Math.min(min, v);
          max = Math.max(max, v);
          sum += v;
          count++;
        }
        Object.assign(preview, { min, max, mean: sum / count });
      } else if (column.texts) {
        const seen = new Set<string>();
        for (const t of column.texts) if (t !== null && seen.size < MAX_DISTINCT) seen.add(t);
        preview.distinct = seen.size;
      }
      return preview;
    }),
    rows: Array.from({ length: shown }, (_, r) => table.columns.map((c) => cellAt(c, r))),
  };
}
