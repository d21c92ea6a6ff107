// JSON array of records → Table. Columns are the union of the records' keys in first-seen order;
// a key absent from a record is a missing value there. Nested objects and arrays are refused. The
// text is parsed a chunk of records at a time (jsonChunks.ts), so a big file reports progress.
import { parseJsonArray } from './jsonChunks.ts';
import { ColumnBuilder, TABLE_LIMITS, truncate, type RawCell, type TableResult } from './table.ts';

/** `onProgress`: characters parsed of the text, about every MB (jsonChunks.ts). */
export function parseJsonText(
  text: string,
  name: string,
  onProgress?: (done: number, total: number) => void,
): TableResult {
  if (text.length > TABLE_LIMITS.maxBytes) {
    return { ok: false, error: `${name} is larger than the limit of ${TABLE_LIMITS.maxBytes / 2 ** 20} MB` };
  }
  let value: unknown;
  try {
    value = parseJsonArray(text, onProgress);
  } catch (error) {
    return { ok: false, error: `${name} is not valid JSON: ${(error as Error).message}` };
  }
  return tableFromRecords(value, name);
}

export function tableFromRecords(value: unknown, name: string): TableResult {
  if (!Array.isArray(value))
    return { ok: false, error: `${name}: expected a JSON array of records like [{"x": 1, "y": 2}, …]` };
  if (value.length === 0) return { ok: false, error: `${name}: the array holds no records` };
  if (value.length > TABLE_LIMITS.maxRows)
    return { ok: false, error: `${value.length} records is more than the limit of ${TABLE_LIMITS.maxRows}` };

  // First pass: the columns, so every builder sees every row.
  const index = new Map<string, number>();
  for (let r = 0; r < value.length; r++) {
    const record = value[r];
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      return { ok: false, error: `${name}: record ${r + 1} is ${describe(record)}, expected an object like {"x": 1}` };
    }
    for (const key of Object.keys(record)) {
      if (index.has(key)) continue;
      if (index.size >= TABLE_LIMITS.maxColumns)
        return { ok: false, error: `${name}: more than ${TABLE_LIMITS.maxColumns} distinct keys (the column limit)` };
      index.set(key, index.size);
    }
  }
  if (index.size === 0) return { ok: false, error: `${name}: the records have no keys, so there are no columns` };

  const builders = [...index.keys()].map((key) => new ColumnBuilder(key));
  for (let r = 0; r < value.length; r++) {
    const record = value[r] as Record<string, unknown>;
    for (const builder of builders) {
      const cell = Object.hasOwn(record, builder.name) ? record[builder.name] : null;
      if (cell !== null && typeof cell === 'object') {
        return {
          ok: false,
          error: `${name}: record ${r + 1}, column "${truncate(builder.name)}": nested ${describe(cell)} is not supported; use plain numbers or text`,
        };
      }
      builder.push(cell as RawCell);
    }
  }
  return { ok: true, table: { name, numRows: value.length, columns: builders.map((b) => b.finish()) } };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
