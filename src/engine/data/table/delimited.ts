// CSV / TSV text → Table, through papaparse. The first row names the columns; every later row must
// have exactly as many fields (a ragged row is an error naming the row, not silently padded).
import Papa from 'papaparse';
import { checkHeader, ColumnBuilder, TABLE_LIMITS, truncate, type TableResult } from './table.ts';

export interface DelimitedOptions {
  /** Table name used in messages (usually the file name). */
  name: string;
  /** Field separator; omitted = guessed from the text (",", tab, ";" or "|"). */
  delimiter?: string;
  /** Characters parsed so far of `total`, now and then (a big file takes seconds). */
  onProgress?(done: number, total: number): void;
}

/** Report progress after at least this many more characters (1 MB: a few dozen reports for the largest file). */
const PROGRESS_CHARS = 1 << 20;

export function parseDelimited(text: string, options: DelimitedOptions): TableResult {
  const { name } = options;
  if (text.length > TABLE_LIMITS.maxBytes) {
    return { ok: false, error: `${name} is larger than the limit of ${TABLE_LIMITS.maxBytes / 2 ** 20} MB` };
  }
  if (text.includes('\u0000'))
    return {
      ok: false,
      error: `${name} does not look like text (it holds NUL bytes): is it really CSV? UTF-16 text needs a byte-order mark; UTF-8 is safest`,
    };

  let builders: ColumnBuilder[] | undefined;
  let numRows = 0;
  let error: string | undefined;
  let reported = 0;
  Papa.parse<string[]>(text, {
    delimiter: options.delimiter ?? '',
    delimitersToGuess: [',', '\t', ';', '|'],
    skipEmptyLines: true,
    step(result, parser) {
      const fail = (message: string) => {
        error = `${name}: ${message}`;
        parser.abort();
      };
      const problem = result.errors.find((e) => e.code !== 'UndetectableDelimiter');
      const row = result.data;
      if (!builders) {
        if (problem) return fail(`header row: ${problem.message}`);
        const header = checkHeader(row);
        if (!header.ok) return fail(header.error);
        builders = header.names.map((n) => new ColumnBuilder(n));
        return;
      }
      const rowNumber = numRows + 1;
      if (problem) return fail(`row ${rowNumber}: ${problem.message}`);
      if (row.length !== builders.length) {
        const extra = row.length > builders.length ? `; extra value "${truncate(String(row[builders.length]))}"` : '';
        return fail(`row ${rowNumber} has ${row.length} fields, expected ${builders.length} like the header${extra}`);
      }
      if (rowNumber > TABLE_LIMITS.maxRows) return fail(`more than ${TABLE_LIMITS.maxRows} rows (the limit)`);
      for (let c = 0; c < row.length; c++) builders[c].push(row[c]);
      numRows = rowNumber;
      if (options.onProgress && result.meta.cursor - reported >= PROGRESS_CHARS) {
        reported = result.meta.cursor;
        options.onProgress(reported, text.length);
      }
    },
  });
  if (error) return { ok: false, error };
  if (!builders) return { ok: false, error: `${name} is empty: expected a header row naming the columns` };
  if (numRows === 0) return { ok: false, error: `${name}: no data rows below the header` };
  return { ok: true, table: { name, numRows, columns: builders.map((b) => b.finish()) } };
}
