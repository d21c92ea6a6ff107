// A `table` DatasetSpec → Dataset: resolve the table (inline rows, a caller-supplied table, or a
// built-in one), then apply the spec's column roles.
import type { TableDatasetSpec } from '../../../protocol/index.ts';
import type { Dataset } from '../dataset.ts';
import { BUILTIN_TABLES, loadBuiltinTable } from './builtin.ts';
import { tableFromRows, type Table } from './table.ts';
import { tableToDataset } from './toDataset.ts';

/** Bad data or roles in a spec; the message is for the user (row, column, problem). */
export class DatasetError extends Error {}

export interface TableSourceOptions {
  /** Tables supplied by the caller, by name (a notebook's dataset cells, a CLI --data file). */
  tables?: Record<string, Table>;
  validationFraction: number;
}

export function resolveTable(table: TableDatasetSpec['table'], tables: Record<string, Table> = {}): Table {
  if (typeof table !== 'string') {
    const result = tableFromRows('inline table', table.columns, table.rows);
    if (!result.ok) throw new DatasetError(result.error);
    return result.table;
  }
  const supplied = Object.hasOwn(tables, table) ? tables[table] : undefined;
  const found = supplied ?? loadBuiltinTable(table);
  if (!found) {
    const known = [...Object.keys(tables), ...Object.keys(BUILTIN_TABLES)].map((n) => `"${n}"`).join(', ');
    throw new DatasetError(`no table named "${table}"; known tables: ${known}`);
  }
  return found;
}

export function makeTableDataset(spec: TableDatasetSpec, seed: number, options: TableSourceOptions): Dataset {
  const table = resolveTable(spec.table, options.tables);
  const result = tableToDataset(
    table,
    { inputs: spec.inputs, targets: spec.targets, taskColumn: spec.taskColumn },
    { seed, validationFraction: options.validationFraction, normalize: spec.normalize },
  );
  if (!result.ok) throw new DatasetError(result.error);
  return result.dataset;
}
