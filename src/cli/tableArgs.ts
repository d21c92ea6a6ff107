// `--data FILE --inputs c1,c2 --targets t1,t2 [--seed S] [--steps N]`: a user's table instead of a
// spec file, for `run` (and `affinity`). The spec is the `planted` example's model and training with
// the table as dataset, so task names are the target column names.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ExperimentSpec } from '../protocol/index.ts';
import { EXAMPLES } from '../shared/examples.ts';
import { parseTableFile } from '../engine/data/table/parseFile.ts';
import type { Table } from '../engine/data/table/table.ts';
import { CliError, describeFsCode, specFromFlags } from './io.ts';

export const TABLE_OPTIONS = {
  data: { type: 'string' },
  inputs: { type: 'string' },
  targets: { type: 'string' },
  seed: { type: 'string' },
  steps: { type: 'string' },
} as const;

export interface TableArgs {
  data?: string;
  inputs?: string;
  targets?: string;
  seed?: string;
  steps?: string;
}

const list = (value: string | undefined, flag: string) => {
  const names = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length === 0) throw new CliError(`${flag}: expected a comma-separated list of column names`);
  return names;
};

/** An integer flag; its upper limit is the spec schema's, named by `specFromFlags`. */
function integer(value: string | undefined, flag: string, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min) throw new CliError(`${flag}: expected an integer ≥ ${min}, got "${value}"`);
  return n;
}

/** The spec and the parsed table (passed to runExperiment as `tables`) for --data arguments. */
export async function specFromTableArgs(
  args: TableArgs,
): Promise<{ spec: ExperimentSpec; tables: Record<string, Table> }> {
  const path = args.data!;
  const inputs = list(args.inputs, '--inputs');
  const targets = list(args.targets, '--targets');
  const seed = integer(args.seed, '--seed', 1, 0);
  const base = specFromFlags(EXAMPLES.planted.spec(seed), { seed: '--seed' });
  const name = basename(path);
  const spec = specFromFlags(
    {
      ...base,
      name,
      dataset: { kind: 'table', table: name, inputs, targets },
      training: { ...base.training, steps: integer(args.steps, '--steps', base.training.steps, 1) },
    },
    { 'training.steps': '--steps' },
  );
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new CliError(`cannot read ${path}: ${describeFsCode((error as NodeJS.ErrnoException).code)}`);
  }
  const parsed = await parseTableFile(name, bytes);
  if (!parsed.ok) throw new CliError(parsed.error);
  return { spec, tables: { [name]: parsed.table } };
}
