// A damaged Parquet file can declare pages of a billion values in a few bytes; hyparquet then
// fills arrays of that size and the worker spins for minutes. Before reading, walk every page
// header (with hyparquet's own header reader) and check the declared counts and sizes against
// the file's metadata and our limits. The check is cheap: headers only, no page data.
import type { FileMetaData } from 'hyparquet';
import { parquetHeader } from 'hyparquet/src/column.js';
import { TABLE_LIMITS } from './table.ts';

/** Writers aim at pages of about 1 MB; a page claiming more than this is not believed. */
const MAX_PAGE_BYTES = 256 * 2 ** 20;

/** Undefined when the layout is plausible, else what is wrong. */
export function checkParquetLayout(
  bytes: ArrayBuffer,
  metadata: FileMetaData,
  columnNames: string[],
): string | undefined {
  const view = new DataView(bytes);
  let totalRows = 0;
  for (const [g, group] of metadata.row_groups.entries()) {
    const rows = Number(group.num_rows);
    if (!(rows >= 0)) return `row group ${g + 1} declares ${rows} rows`;
    totalRows += rows;
    if (totalRows > TABLE_LIMITS.maxRows) return `more than ${TABLE_LIMITS.maxRows} rows (the limit)`;
    // Every row group must hold exactly the schema's columns, in order (hyparquet leaves the
    // read of a column missing from the schema unobserved, and its failure escapes).
    if (group.columns.length !== columnNames.length)
      return `row group ${g + 1} has ${group.columns.length} columns, the schema ${columnNames.length}`;
    for (const [c, chunk] of group.columns.entries()) {
      const meta = chunk.meta_data;
      if (!meta) return `row group ${g + 1} has a column without metadata`;
      const column = meta.path_in_schema.join('.');
      if (column !== columnNames[c])
        return `row group ${g + 1} holds column "${column}" where the schema has "${columnNames[c]}"`;
      const problem = checkChunk(
        view,
        Number(meta.dictionary_page_offset ?? meta.data_page_offset),
        Number(meta.total_compressed_size),
        Number(meta.num_values),
        rows,
      );
      if (problem) return `column "${column}", row group ${g + 1}: ${problem}`;
    }
  }
  return undefined;
}

function checkChunk(view: DataView, start: number, size: number, numValues: number, rows: number): string | undefined {
  const end = start + size;
  if (!(start >= 4 && size >= 0 && end <= view.byteLength))
    return `its pages (bytes ${start}–${end}) lie outside the file (${view.byteLength} bytes)`;
  // Flat columns hold one value (or null) per row.
  if (!(numValues >= 0 && numValues <= rows)) return `declares ${numValues} values for ${rows} rows`;
  const reader = { view, offset: start };
  let values = 0;
  while (reader.offset < end && values < numValues) {
    const header = parquetHeader(reader);
    const compressed = header.compressed_page_size;
    const uncompressed = header.uncompressed_page_size;
    if (!(compressed >= 0 && reader.offset + compressed <= end))
      return `a page of ${compressed} bytes overruns the column`;
    if (!(uncompressed >= 0 && uncompressed <= MAX_PAGE_BYTES))
      return `a page claims to expand from ${compressed} to ${uncompressed} bytes`;
    const counts = header.data_page_header
      ? [header.data_page_header.num_values]
      : header.data_page_header_v2
        ? [
            header.data_page_header_v2.num_values,
            header.data_page_header_v2.num_rows,
            header.data_page_header_v2.num_nulls,
          ]
        : header.dictionary_page_header
          ? [header.dictionary_page_header.num_values]
          : [];
    if (counts.some((n) => !(Number.isInteger(n) && n >= 0 && n <= numValues)))
      return `a page declares ${counts.map(String).join('/')} values, but the column has ${numValues}`;
    if (header.data_page_header_v2) {
      const v2 = header.data_page_header_v2;
      if (!(
        v2.definition_levels_byte_length >= 0 &&
        v2.repetition_levels_byte_length >= 0 &&
        v2.definition_levels_byte_length + v2.repetition_levels_byte_length <= compressed
      )) {
        return 'a page declares level data longer than the page';
      }
    }
    if (header.data_page_header || header.data_page_header_v2) values += counts[0];
    reader.offset += compressed;
  }
  return undefined;
}
