// CSV cells for every export: RFC 4180 quoting, and text that a spreadsheet would read as a
// formula (OWASP "CSV injection": a leading =, +, -, @, tab or carriage return) prefixed with "'"
// so a task or column named `=HYPERLINK(…)` stays text. Numbers are written as numbers.

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: numbers as they are (non-finite → empty), text neutralised and quoted when needed. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (values: readonly (string | number | null | undefined)[]) => values.map(csvField).join(',');

/** Rows to CSV text (no trailing newline). */
export const csvText = (rows: readonly (readonly (string | number | null | undefined)[])[]) =>
  rows.map(csvLine).join('\n');
