// Turns untrusted affinity input (parsed JSON, CSV rows) into a SquareMatrix, with errors that
// name the row and column of the problem.
import { squareFromRows, type SquareMatrix } from './matrix.ts';

/** Bad input to a grouping routine; the message is meant for the user. */
export class GroupingError extends Error {}

export function parseAffinityMatrix(input: unknown, what = 'matrix'): SquareMatrix {
  if (!Array.isArray(input)) throw new GroupingError(`${what}: expected a 2-D array of numbers, got ${typeof input}`);
  const n = input.length;
  if (n === 0) throw new GroupingError(`${what}: the matrix is empty`);
  input.forEach((row, i) => {
    if (!Array.isArray(row)) throw new GroupingError(`${what}: row ${i} is not an array`);
    if (row.length !== n) {
      throw new GroupingError(`${what}: not square: row ${i} has ${row.length} entries but there are ${n} rows`);
    }
    row.forEach((value, j) => {
      if (typeof value !== 'number')
        throw new GroupingError(`${what}: entry [${i}][${j}] is not a number (${JSON.stringify(value)})`);
      if (!Number.isFinite(value))
        throw new GroupingError(`${what}: entry [${i}][${j}] is ${value}; every entry must be finite`);
    });
  });
  return squareFromRows(input as number[][]);
}

/** Same checks for a matrix already in memory (engine callers, affinity providers). */
export function checkAffinityMatrix(m: SquareMatrix, what = 'matrix'): void {
  if (m.values.length !== m.n * m.n)
    throw new GroupingError(`${what}: not square (${m.values.length} values for n = ${m.n})`);
  if (m.n === 0) throw new GroupingError(`${what}: the matrix is empty`);
  const bad = m.values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) {
    throw new GroupingError(
      `${what}: entry [${Math.floor(bad / m.n)}][${bad % m.n}] is ${m.values[bad]}; every entry must be finite`,
    );
  }
}

export function checkGroupCount(k: number, n: number): void {
  if (!Number.isInteger(k)) throw new GroupingError(`k must be an integer, got ${k}`);
  if (k < 1 || k > n)
    throw new GroupingError(`k = ${k} is out of range: with ${n} tasks, k must be between 1 and ${n}`);
}
