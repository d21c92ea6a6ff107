// Reads an affinity matrix for `tasklab group`: JSON ({"matrix": [[…]], "tasks": […]} or a bare
// 2-D array) or CSV (square, numeric, optional header row of task names).
import { CliError, readJsonFile, readTextFile } from './io.ts';
import { parseAffinityMatrix } from '../engine/grouping/validate.ts';
import type { SquareMatrix } from '../engine/grouping/matrix.ts';

export interface MatrixFile {
  matrix: SquareMatrix;
  tasks?: string[];
}

/** Number-like cells, finite or not: a first row of these is data (its NaN is then named), not a header. */
const NUMBER_LIKE = /^[+-]?(nan|inf(inity)?)$/i;

/** Numeric CSV rows; a first row with any cell that is not number-like is a header of task names. */
export function parseMatrixCsv(text: string, path: string): { rows: number[][]; tasks?: string[] } {
  const lines = text
    .split(/\r?\n/)
    .map((line, i) => ({ line: line.trim(), number: i + 1 }))
    .filter((l) => l.line !== '');
  if (lines.length === 0) throw new CliError(`${path}: the file is empty`);
  const cells = lines.map((l) => l.line.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1')));
  const isNumberLike = (cell: string) => cell !== '' && (!Number.isNaN(Number(cell)) || NUMBER_LIKE.test(cell));
  const hasHeader = cells[0].some((cell) => !isNumberLike(cell));
  const body = hasHeader ? cells.slice(1) : cells;
  const bodyLines = hasHeader ? lines.slice(1) : lines;
  const rows = body.map((row, r) =>
    row.map((cell, c) => {
      const value = Number(cell);
      if (cell === '' || Number.isNaN(value))
        throw new CliError(`${path}: line ${bodyLines[r].number}, column ${c + 1}: "${cell}" is not a number`);
      if (!Number.isFinite(value))
        throw new CliError(`${path}: line ${bodyLines[r].number}, column ${c + 1}: ${cell} is not finite`);
      return value;
    }),
  );
  return { rows, tasks: hasHeader ? cells[0] : undefined };
}

export async function readMatrixFile(path: string): Promise<MatrixFile> {
  let raw: unknown;
  let tasks: unknown;
  if (path.toLowerCase().endsWith('.csv')) {
    ({ rows: raw, tasks } = parseMatrixCsv(await readTextFile(path), path));
  } else {
    const json = await readJsonFile(path);
    if (Array.isArray(json)) raw = json;
    else if (json && typeof json === 'object' && 'matrix' in json)
      ({ matrix: raw, tasks } = json as { matrix: unknown; tasks?: unknown });
    else throw new CliError(`${path}: expected {"matrix": [[…]], "tasks": […]} or a 2-D array`);
  }
  const matrix = parseAffinityMatrix(raw, `${path}: matrix`);
  if (tasks !== undefined) {
    if (!Array.isArray(tasks) || tasks.some((t) => typeof t !== 'string'))
      throw new CliError(`${path}: "tasks" must be a list of names`);
    if (tasks.length !== matrix.n)
      throw new CliError(`${path}: ${tasks.length} task names for a ${matrix.n}×${matrix.n} matrix`);
  }
  return { matrix, tasks: tasks as string[] | undefined };
}
