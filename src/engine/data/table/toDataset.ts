// Table + column roles → the engine's Dataset (`x` inputs, `y` targets, `mask` where a target is
// absent). Rows are shuffled with the run's seed, then split train-first exactly like splitDataset,
// so z-score statistics come from the training rows only and validation rows never leak into them.
import type { Dataset, Field } from '../dataset.ts';
import { createRng, deriveSeed, permutation } from '../../util/random.ts';
import { describeColumnType, truncate, type Table, type TableColumn } from './table.ts';

export interface ColumnRoles {
  inputs: string[];
  /** Wide format: one task per target column. Long format: exactly one value column. */
  targets: string[];
  /** Long format: the column naming each row's task. */
  taskColumn?: string;
}

export interface TableDatasetOptions {
  seed: number;
  /** Must equal the run's validation fraction: the last rows after shuffling are validation. */
  validationFraction: number;
  normalize: boolean;
}

export interface TableDatasetInfo {
  /** Input features after one-hot encoding of text columns ("Origin=USA"). */
  features: string[];
  rowsUsed: number;
  /** Rows dropped because an input was missing or every target was. */
  rowsDropped: number;
  /** Per feature and per task: what was subtracted and divided (0 and 1 without normalising). */
  inputStats: { mean: number; std: number }[];
  targetStats: { mean: number; std: number }[];
}

export type TableDatasetResult = { ok: true; dataset: Dataset; info: TableDatasetInfo } | { ok: false; error: string };

interface Feature {
  name: string;
  /** Value of this feature in row r, NaN when the row must be dropped. */
  value(r: number): number;
}

function findColumn(table: Table, name: string, role: string): TableColumn | string {
  const column = table.columns.find((c) => c.name === name);
  if (column) return column;
  const known = table.columns
    .map((c) => `"${truncate(c.name, 30)}"`)
    .slice(0, 20)
    .join(', ');
  return `${role} column "${truncate(name)}" is not in ${table.name}; its columns are ${known}`;
}

/** Numeric column as-is; text column one-hot over its sorted categories (missing = all zeros). */
function featuresOf(column: TableColumn): Feature[] | string {
  if (column.type === 'empty') return `input column "${column.name}" is empty (no values in any row)`;
  if (column.type === 'mixed')
    return `input column "${column.name}" ${describeColumnType(column)}; fix or remove the odd rows`;
  if (column.type === 'number')
    return nonFinite(column, 'input column') ?? [{ name: column.name, value: (r) => column.numbers[r] }];
  const texts = column.texts!;
  const categories = [...new Set(texts.filter((t): t is string => t !== null))].sort();
  if (categories.length > 256)
    return `input column "${column.name}" is text with ${categories.length} distinct values; at most 256 categories are one-hot encoded`;
  return categories.map((category) => ({
    name: `${column.name}=${category}`,
    value: (r) => (texts[r] === category ? 1 : 0),
  }));
}

/** ±Infinity cannot be trained on (it reads as divergence later): name the row instead. */
function nonFinite(column: TableColumn, what: string): string | undefined {
  const bad = column.firstNonFinite;
  return (
    bad &&
    `${what} "${column.name}", row ${bad.row}: ${truncate(bad.value)} is not a finite number; fix it, or leave the cell empty to mark it missing`
  );
}

function checkTarget(column: TableColumn, what: string): string | undefined {
  if (column.type === 'number') return nonFinite(column, what);
  if (column.type === 'empty') return `${what} "${column.name}" is empty (no values in any row)`;
  if (column.type === 'mixed') return `${what} "${column.name}" ${describeColumnType(column)}; targets must be numeric`;
  return `${what} "${column.name}" holds text (row ${column.firstText!.row}: "${truncate(column.firstText!.value)}"); targets must be numeric`;
}

/** Mean and std over the first `numTrain` rows where the mask (if any) is set; std 0 becomes 1. */
function columnStats(
  values: Float32Array,
  mask: Float32Array | undefined,
  width: number,
  col: number,
  numTrain: number,
) {
  let sum = 0,
    count = 0;
  for (let r = 0; r < numTrain; r++) {
    if (mask && !mask[r * width + col]) continue;
    sum += values[r * width + col];
    count++;
  }
  const mean = count ? sum / count : 0;
  let sq = 0;
  for (let r = 0; r < numTrain; r++) if (!mask || mask[r * width + col]) sq += (values[r * width + col] - mean) ** 2;
  const std = count ? Math.sqrt(sq / count) : 0;
  return { mean, std: std > 1e-12 ? std : 1 };
}

export function tableToDataset(table: Table, roles: ColumnRoles, options: TableDatasetOptions): TableDatasetResult {
  const fail = (error: string): TableDatasetResult => ({ ok: false, error: `${table.name}: ${error}` });
  if (roles.inputs.length === 0) return fail('choose at least one input column');
  if (roles.targets.length === 0) return fail('choose at least one target column');
  const used = [...roles.inputs, ...roles.targets, ...(roles.taskColumn === undefined ? [] : [roles.taskColumn])];
  const twice = used.find((name, i) => used.indexOf(name) !== i);
  if (twice !== undefined)
    return fail(`column "${twice}" has two roles; each column is an input, a target or the task column`);

  const features: Feature[] = [];
  for (const name of roles.inputs) {
    const column = findColumn(table, name, 'input');
    if (typeof column === 'string') return fail(column);
    const made = featuresOf(column);
    if (typeof made === 'string') return fail(made);
    features.push(...made);
  }
  const targets: TableColumn[] = [];
  for (const name of roles.targets) {
    const column = findColumn(table, name, 'target');
    if (typeof column === 'string') return fail(column);
    const problem = checkTarget(column, 'target column');
    if (problem) return fail(problem);
    targets.push(column);
  }

  // Task of each row: wide = every target column; long = the task column's value picks one.
  let taskNames = roles.targets;
  let taskOf: ((r: number) => number) | undefined;
  if (roles.taskColumn !== undefined) {
    if (targets.length !== 1)
      return fail(
        `long format (task column "${roles.taskColumn}") takes exactly one value column as target, got ${targets.length}`,
      );
    const column = findColumn(table, roles.taskColumn, 'task');
    if (typeof column === 'string') return fail(column);
    if (column.type === 'empty') return fail(`task column "${column.name}" is empty (no values in any row)`);
    const labels = Array.from({ length: table.numRows }, (_, r) =>
      column.texts ? column.texts[r] : Number.isNaN(column.numbers[r]) ? null : String(column.numbers[r]),
    );
    taskNames = [...new Set(labels.filter((l): l is string => l !== null))];
    if (taskNames.length > 64)
      return fail(`task column "${column.name}" has ${taskNames.length} distinct tasks; the limit is 64`);
    const index = new Map(taskNames.map((name, t) => [name, t]));
    taskOf = (r) => (labels[r] === null ? -1 : index.get(labels[r]!)!);
  }

  // Keep rows with every input present and at least one target present.
  const numTasks = taskNames.length;
  const kept: number[] = [];
  let needsMask = taskOf !== undefined;
  for (let r = 0; r < table.numRows; r++) {
    if (features.some((f) => Number.isNaN(f.value(r)))) continue;
    if (taskOf) {
      if (taskOf(r) < 0 || Number.isNaN(targets[0].numbers[r])) continue;
    } else {
      const present = targets.filter((t) => !Number.isNaN(t.numbers[r])).length;
      if (present === 0) continue;
      if (present < targets.length) needsMask = true;
    }
    kept.push(r);
  }
  if (kept.length === 0) return fail('no usable rows: every row misses an input value or all target values');
  // Without a validation row the run would report its training loss as validation loss.
  if (options.validationFraction > 0 && Math.floor(kept.length * options.validationFraction) === 0) {
    const needed = Math.ceil(1 / options.validationFraction);
    return fail(
      `only ${kept.length} usable row(s), so none is left for validation (fraction ${options.validationFraction}); at least ${needed} rows are needed`,
    );
  }

  const order = permutation(createRng(deriveSeed(options.seed, 'table/order')), kept.length);
  const n = kept.length;
  const numTrain = n - Math.floor(n * options.validationFraction);
  const width = features.length;
  const x = new Float32Array(n * width);
  const y = new Float32Array(n * numTasks);
  const mask = needsMask ? new Float32Array(n * numTasks) : undefined;
  for (let i = 0; i < n; i++) {
    const r = kept[order[i]];
    for (let f = 0; f < width; f++) x[i * width + f] = features[f].value(r);
    if (taskOf) {
      y[i * numTasks + taskOf(r)] = targets[0].numbers[r];
      mask![i * numTasks + taskOf(r)] = 1;
    } else {
      for (let t = 0; t < numTasks; t++) {
        const v = targets[t].numbers[r];
        y[i * numTasks + t] = Number.isNaN(v) ? 0 : v;
        if (mask) mask[i * numTasks + t] = Number.isNaN(v) ? 0 : 1;
      }
    }
  }

  const identity = { mean: 0, std: 1 };
  const inputStats = features.map((_, f) =>
    options.normalize ? columnStats(x, undefined, width, f, numTrain) : identity,
  );
  const targetStats = taskNames.map((_, t) =>
    options.normalize ? columnStats(y, mask, numTasks, t, numTrain) : identity,
  );
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < width; f++) x[i * width + f] = (x[i * width + f] - inputStats[f].mean) / inputStats[f].std;
    for (let t = 0; t < numTasks; t++) {
      if (mask && !mask[i * numTasks + t]) continue;
      y[i * numTasks + t] = (y[i * numTasks + t] - targetStats[t].mean) / targetStats[t].std;
    }
  }

  const fields: Record<string, Field> = { x: { values: x, shape: [width] }, y: { values: y, shape: [numTasks] } };
  if (mask) fields.mask = { values: mask, shape: [numTasks] };
  return {
    ok: true,
    dataset: { name: table.name, taskNames, numSamples: n, fields },
    info: {
      features: features.map((f) => f.name),
      rowsUsed: n,
      rowsDropped: table.numRows - n,
      inputStats,
      targetStats,
    },
  };
}
