import { parseArgs } from 'node:util';
import { GROUPING_METHODS, groupTasks, type GroupingMethod } from '../engine/grouping/group.ts';
import { checkOutFile, CliError, UsageError, writeJson } from './io.ts';
import { readMatrixFile } from './matrixFile.ts';

export async function groupCommand(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { k: { type: 'string' }, method: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' } },
  });
  if (positionals.length !== 1) throw new UsageError();
  if (values.k === undefined) throw new CliError('--k is required: the number of groups');
  const k = Number(values.k);
  if (!Number.isInteger(k)) throw new CliError(`--k: expected an integer, got "${values.k}"`);
  const method = (values.method ?? 'sdp') as GroupingMethod;
  if (!GROUPING_METHODS.includes(method))
    throw new CliError(`--method: expected one of ${GROUPING_METHODS.join(', ')}, got "${values.method}"`);
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isSafeInteger(seed) || seed < 0)
    throw new CliError(`--seed: expected a non-negative integer, got "${values.seed}"`);

  await checkOutFile(values.out);
  const { matrix } = await readMatrixFile(positionals[0]);
  const result = groupTasks(matrix, k, { method, seed });
  await writeJson(
    { assignment: result.assignment, groups: result.groups, objective: result.objective, seconds: result.seconds },
    values.out,
  );
}
