// "Own data…": a file picker for CSV/TSV, JSON and Parquet tables (the same path as a drop). The
// file input is made on click, not kept in the page, so the notebook's own "Open file…" input
// stays the page's only one.
import { importFile } from '../../bridge/tableImport.ts';

export const TABLE_FILE_ACCEPT = '.csv,.tsv,.tab,.txt,.json,.parquet,.pq';

function pickFile(onFile: (file: File) => void) {
  const input = Object.assign(document.createElement('input'), { type: 'file', accept: TABLE_FILE_ACCEPT });
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (file) onFile(file);
  });
  input.click();
}

export function DataFileButton({ label = 'Own data…', targetCellId }: { label?: string; targetCellId?: string }) {
  return (
    <button
      type="button"
      title="Choose a CSV, TSV, JSON or Parquet file"
      onClick={() => pickFile((file) => void importFile(file, targetCellId))}
    >
      {label}
    </button>
  );
}
