// Parquet bytes → Table, through hyparquet. Flat schemas only: a nested (list/struct) column is
// refused with its name. INT64 values arrive as BigInt and dates as Date; both become plain cells.
// hyparquet-compressors adds the codecs other writers use by default (gzip, zstd from polars, brotli, lz4).
import { parquetMetadata, parquetRead, parquetSchema } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { checkParquetLayout } from './parquetGuard.ts';
import { ColumnBuilder, checkHeader, TABLE_LIMITS, type RawCell, type TableResult } from './table.ts';

function toCell(value: unknown): RawCell | 'nested' {
  if (
    value === null ||
    value === undefined ||
    typeof value === 'number' ||
    typeof value === 'string' ||
    typeof value === 'boolean'
  )
    return value;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  return 'nested';
}

/** `onProgress`: rows read of all rows, after each row group. */
export async function parseParquet(
  bytes: ArrayBuffer,
  name: string,
  onProgress?: (done: number, total: number) => void,
): Promise<TableResult> {
  if (bytes.byteLength > TABLE_LIMITS.maxBytes) {
    return { ok: false, error: `${name} is larger than the limit of ${TABLE_LIMITS.maxBytes / 2 ** 20} MB` };
  }
  try {
    const metadata = parquetMetadata(bytes);
    const fields = parquetSchema(metadata).children;
    const nested = fields.find((f) => f.children.length > 0);
    if (nested)
      return {
        ok: false,
        error: `${name}: column "${nested.element.name}" is nested (list or struct); only flat columns are supported`,
      };
    const header = checkHeader(fields.map((f) => f.element.name));
    if (!header.ok) return { ok: false, error: `${name}: ${header.error}` };
    const numRows = Number(metadata.num_rows);
    if (numRows === 0) return { ok: false, error: `${name}: the file holds no rows` };
    if (numRows > TABLE_LIMITS.maxRows)
      return { ok: false, error: `${name}: ${numRows} rows is more than the limit of ${TABLE_LIMITS.maxRows}` };

    const damaged = checkParquetLayout(
      bytes,
      metadata,
      fields.map((f) => f.element.name),
    );
    if (damaged) return { ok: false, error: `${name} is damaged or not supported: ${damaged}` };

    // Column by column (onChunk), not row by row: no per-row arrays for big files. One read per row
    // group, so a big file reports progress as it goes.
    const chunks = new Map<string, { rowStart: number; data: ArrayLike<unknown> }[]>(header.names.map((n) => [n, []]));
    let groupStart = 0;
    let reported = 0;
    for (const group of metadata.row_groups) {
      const groupEnd = groupStart + Number(group.num_rows);
      await parquetRead({
        file: bytes,
        metadata,
        compressors,
        rowStart: groupStart,
        rowEnd: groupEnd,
        onChunk: ({ columnName, columnData, rowStart }) => chunks.get(columnName)?.push({ rowStart, data: columnData }),
      });
      groupStart = groupEnd;
      // At most about a hundred reports, however many small row groups a writer made.
      if (onProgress && (groupStart - reported >= numRows / 100 || groupStart >= numRows)) {
        reported = groupStart;
        onProgress(Math.min(groupStart, numRows), numRows);
      }
    }
    const builders: ColumnBuilder[] = [];
    for (const columnName of header.names) {
      const builder = new ColumnBuilder(columnName);
      let rows = 0;
      for (const { rowStart, data } of chunks.get(columnName)!.sort((a, b) => a.rowStart - b.rowStart)) {
        if (rowStart !== rows)
          return { ok: false, error: `${name}: column "${columnName}" has a gap or overlap at row ${rows + 1}` };
        for (let r = 0; r < data.length; r++) {
          const cell = toCell(data[r]);
          if (cell === 'nested')
            return {
              ok: false,
              error: `${name}: row ${rows + r + 1}, column "${columnName}": nested values are not supported`,
            };
          builder.push(cell);
        }
        rows += data.length;
      }
      if (rows !== numRows)
        return {
          ok: false,
          error: `${name}: column "${columnName}" holds ${rows} values, the file declares ${numRows} rows`,
        };
      builders.push(builder);
    }
    return { ok: true, table: { name, numRows, columns: builders.map((b) => b.finish()) } };
  } catch (error) {
    return {
      ok: false,
      error: `${name} is not a readable Parquet file: ${(error as Error)?.message ?? String(error)}`,
    };
  }
}
