// "Own data…": a file picker for CSV/TSV, JSON and Parquet tables (the same path as a drop).
import { useRef } from 'react';
import { importFile } from '../../bridge/tableImport.ts';

export const TABLE_FILE_ACCEPT = '.csv,.tsv,.tab,.txt,.json,.parquet,.pq';

export function DataFileButton({ label = 'Own data…', targetCellId }: { label?: string; targetCellId?: string }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" onClick={() => input.current?.click()}>{label}</button>
      <input
        ref={input}
        type="file"
        accept={TABLE_FILE_ACCEPT}
        hidden
        aria-label={`${label} (choose a CSV, TSV, JSON or Parquet file)`}
        data-testid={targetCellId ? undefined : 'data-file-input'}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void importFile(file, targetCellId);
        }}
      />
    </>
  );
}
