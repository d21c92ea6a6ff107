// A parsed user table, stored by column: numeric columns as Float64Arrays (NaN = missing), text
// columns as string arrays. Every parser (CSV/TSV, JSON records, Parquet, inline rows) fills the
// same ColumnBuilder, so type inference and the "mixed types" diagnosis are the same for all.
import type { ColumnType } from '../../../protocol/reports.ts';
export type { ColumnType };

/** Stated limits: files beyond them are refused with a message instead of freezing the worker. */
export const TABLE_LIMITS = {
  maxBytes: 100 * 1024 * 1024,
  maxColumns: 1000,
  maxRows: 5_000_000,
} as const;

export interface TableColumn {
  name: string;
  type: ColumnType;
  /** Numeric value of each row; NaN where missing or not a number. */
  numbers: Float64Array;
  /** Text of each row (null = missing); only for text and mixed columns. */
  texts?: (string | null)[];
  missing: number;
  /** First data row (1-based) holding a number, and one holding text: for mixed-type messages. */
  firstNumberRow?: number;
  firstText?: { row: number; value: string };
  /** First row holding ±Infinity ("inf", or a number too large such as 1e999): named when the column is used. */
  firstNonFinite?: { row: number; value: string };
}

export interface Table {
  name: string;
  numRows: number;
  columns: TableColumn[];
}

export type TableResult = { ok: true; table: Table } | { ok: false; error: string };

/** Raw value of one cell as a parser hands it over. */
export type RawCell = string | number | boolean | null | undefined;

const MISSING = new Set(['', 'na', 'n/a', 'nan', 'null', 'none', '?']);
// Plain decimal numbers only: Number() would also accept "0x1F", "Infinity" and "1_000"-like surprises.
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const INFINITY = /^[+-]?inf(inity)?$/i;

/** A cell is missing, a number (±Infinity included, so it can be named rather than trained on), or text. */
export function classifyCell(raw: RawCell): number | string | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'number') return Number.isNaN(raw) ? null : raw;
  if (typeof raw === 'boolean') return raw ? 'true' : 'false';
  // Fast path for the common clean number (no surrounding spaces): one regex test, no copies.
  if (NUMBER.test(raw)) return +raw;
  const text = raw.trim();
  if (MISSING.has(text.toLowerCase())) return null;
  if (NUMBER.test(text)) return +text;
  if (INFINITY.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  return text;
}

/** Grows one column cell by cell; switches to keeping texts only once a text cell appears. */
export class ColumnBuilder {
  private numbers = new Float64Array(1024);
  private texts: (string | null)[] | undefined;
  private length = 0;
  private numberCount = 0;
  private missing = 0;
  private firstNumberRow: number | undefined;
  private firstText: { row: number; value: string } | undefined;
  private firstNonFinite: { row: number; value: string } | undefined;

  constructor(readonly name: string) {}

  push(raw: RawCell): void {
    const value = classifyCell(raw);
    if (this.length === this.numbers.length) {
      const grown = new Float64Array(this.numbers.length * 2);
      grown.set(this.numbers);
      this.numbers = grown;
    }
    const row = this.length + 1;
    if (value === null) {
      this.numbers[this.length] = NaN;
      this.missing++;
    } else if (typeof value === 'number') {
      this.numbers[this.length] = value;
      this.numberCount++;
      this.firstNumberRow ??= row;
      if (!Number.isFinite(value)) this.firstNonFinite ??= { row, value: String(raw).trim() };
    } else {
      this.numbers[this.length] = NaN;
      if (!this.texts)
        this.texts = Array.from(this.numbers.subarray(0, this.length), (v) => (Number.isNaN(v) ? null : String(v)));
      this.firstText ??= { row, value };
    }
    if (this.texts) this.texts.push(value === null ? null : String(value));
    this.length++;
  }

  finish(): TableColumn {
    const hasText = this.firstText !== undefined;
    const type: ColumnType = hasText
      ? this.numberCount > 0
        ? 'mixed'
        : 'text'
      : this.numberCount > 0
        ? 'number'
        : 'empty';
    return {
      name: this.name,
      type,
      numbers: this.numbers.slice(0, this.length),
      texts: hasText ? this.texts : undefined,
      missing: this.missing,
      firstNumberRow: this.firstNumberRow,
      firstText: this.firstText,
      firstNonFinite: this.firstNonFinite,
    };
  }
}

/** Names for a header row: blanks become "column N"; duplicates are an error naming both positions. */
export function checkHeader(header: RawCell[]): { ok: true; names: string[] } | { ok: false; error: string } {
  if (header.length === 0) return { ok: false, error: 'the header row is empty: the first row must name the columns' };
  if (header.length > TABLE_LIMITS.maxColumns) {
    return { ok: false, error: `${header.length} columns is more than the limit of ${TABLE_LIMITS.maxColumns}` };
  }
  const names = header.map((cell, i) => {
    const text = cell === null || cell === undefined ? '' : String(cell).trim();
    return text === '' ? `column ${i + 1}` : text;
  });
  const seen = new Map<string, number>();
  for (let i = 0; i < names.length; i++) {
    const before = seen.get(names[i]);
    if (before !== undefined)
      return { ok: false, error: `columns ${before + 1} and ${i + 1} are both named "${names[i]}"` };
    seen.set(names[i], i);
  }
  return { ok: true, names };
}

/** Builds a table from rows of raw cells that all have the header's length. */
export function tableFromRows(name: string, columns: string[], rows: ArrayLike<RawCell>[]): TableResult {
  const header = checkHeader(columns);
  if (!header.ok) return header;
  if (rows.length === 0) return { ok: false, error: `${name}: no data rows below the header` };
  if (rows.length > TABLE_LIMITS.maxRows)
    return { ok: false, error: `${rows.length} rows is more than the limit of ${TABLE_LIMITS.maxRows}` };
  const builders = header.names.map((n) => new ColumnBuilder(n));
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (!row || typeof row.length !== 'number' || row.length !== builders.length) {
      return {
        ok: false,
        error: `row ${r + 1} has ${row?.length ?? 0} cells, expected ${builders.length} (one per column)`,
      };
    }
    for (let c = 0; c < builders.length; c++) builders[c].push(row[c]);
  }
  return { ok: true, table: { name, numRows: rows.length, columns: builders.map((b) => b.finish()) } };
}

/** Cell value as shown to people and written to inline tables. */
export function cellAt(column: TableColumn, row: number): number | string | null {
  if (column.texts) return column.texts[row];
  const value = column.numbers[row];
  return Number.isNaN(value) ? null : value;
}

/** The table as header + rows (what a spec or a notebook dataset cell embeds), first `maxRows` rows. */
export function toInlineTable(
  table: Table,
  maxRows = table.numRows,
): { columns: string[]; rows: (number | string | null)[][] } {
  const count = Math.min(maxRows, table.numRows);
  return {
    columns: table.columns.map((c) => c.name),
    rows: Array.from({ length: count }, (_, r) => table.columns.map((c) => cellAt(c, r))),
  };
}

export function describeColumnType(column: TableColumn): string {
  if (column.type === 'mixed') {
    return `mixes numbers and text (row ${column.firstNumberRow} holds a number, row ${column.firstText!.row} holds "${truncate(column.firstText!.value)}")`;
  }
  const bad = column.firstNonFinite;
  return bad && column.type === 'number'
    ? `number, but row ${bad.row} holds ${truncate(bad.value)}, which is not a finite number`
    : column.type;
}

export const truncate = (text: string, max = 40) => (text.length > max ? `${text.slice(0, max)}…` : text);
