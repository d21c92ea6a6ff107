// `tasklab affinity <spec.json> --method …`: one affinity matrix for a spec, with its cost
// (ALGORITHMS.md §0). matrix[i][j] = affinity of source task i onto target task j.
import { parseArgs } from 'node:util';
import { computeAffinity, estimateBruteForceCost, type AffinityMethod } from '../engine/affinity/methods.ts';
import { numTasks } from '../engine/data/dataset.ts';
import { datasetOf } from '../engine/affinity/setup.ts';
import { toRows } from '../engine/affinity/scoring.ts';
import { initBackend } from '../engine/backend.ts';
import { checkOutFile, CliError, nodeBackend, nodeWasmFolder, readSpecFile, UsageError, writeJson } from './io.ts';
import { quietTfjs } from './quietTfjs.ts';
import { specFromTableArgs, TABLE_OPTIONS } from './tableArgs.ts';

const METHODS: AffinityMethod[] = ['lookahead', 'cosine', 'gradtag', 'bruteforce'];
/** Beyond this many trainings, brute force is refused rather than silently running for hours. */
const MAX_BRUTEFORCE_TRAININGS = 200;

export async function affinityCommand(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { method: { type: 'string' }, out: { type: 'string' }, backend: { type: 'string' }, ...TABLE_OPTIONS },
  });
  if (positionals.length !== (values.data === undefined ? 1 : 0)) throw new UsageError();
  const method = values.method as AffinityMethod | undefined;
  if (!method || !METHODS.includes(method))
    throw new CliError(`--method: expected one of ${METHODS.join(', ')}, got "${values.method ?? ''}"`);
  await checkOutFile(values.out);
  const fromTable = values.data === undefined ? undefined : await specFromTableArgs(values);
  const spec = fromTable?.spec ?? (await readSpecFile(positionals[0]));
  const tables = fromTable?.tables;
  const backend = nodeBackend(values.backend, spec.backend);

  if (method === 'bruteforce') {
    const n = numTasks(datasetOf(spec, tables));
    const cost = estimateBruteForceCost(spec, n);
    if (cost.trainings > MAX_BRUTEFORCE_TRAININGS) {
      throw new CliError(
        `bruteforce with ${n} tasks needs ${cost.trainings} trainings ` +
          `(${cost.steps} optimiser steps in all); the limit is ${MAX_BRUTEFORCE_TRAININGS}. Use --method gradtag.`,
      );
    }
  }

  quietTfjs();
  await initBackend(backend, { wasmPaths: nodeWasmFolder() });
  const result = await computeAffinity(spec, method, { tables });
  await writeJson(
    {
      tasks: result.tasks,
      matrix: toRows(result.matrix, result.numTasks),
      method: result.method,
      cost: { passes: Math.round(result.cost.passes), seconds: result.cost.seconds },
      ...(spec.dataset.kind === 'planted' && result.plantedGroups ? { plantedGroups: result.plantedGroups } : {}),
    },
    values.out,
  );
}
