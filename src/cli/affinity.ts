// `tasklab affinity <spec.json> --method …`: one affinity matrix for a spec, with its cost
// (ALGORITHMS.md §0). matrix[i][j] = affinity of source task i onto target task j.
import { parseArgs } from 'node:util';
import { parseSpec } from '../protocol.ts';
import { computeAffinity, estimateBruteForceCost, type AffinityMethod } from '../engine/affinity/methods.ts';
import { numTasks } from '../engine/data/dataset.ts';
import { datasetOf } from '../engine/affinity/setup.ts';
import { toRows } from '../engine/affinity/scoring.ts';
import { initBackend } from '../engine/backend.ts';
import { CliError, nodeWasmFolder, readJsonFile, writeJson } from './io.ts';
import { specFromTableArgs, TABLE_OPTIONS, tableUsage } from './tableArgs.ts';

export const usage = `affinity <spec.json> | ${tableUsage}  --method lookahead|cosine|gradtag|bruteforce [--backend cpu|wasm] [--out FILE]`;

const METHODS: AffinityMethod[] = ['lookahead', 'cosine', 'gradtag', 'bruteforce'];
/** Beyond this many trainings, brute force is refused rather than silently running for hours. */
const MAX_BRUTEFORCE_TRAININGS = 200;

export async function affinityCommand(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { method: { type: 'string' }, out: { type: 'string' }, backend: { type: 'string' }, ...TABLE_OPTIONS },
  });
  const fromTable = values.data === undefined ? undefined : await specFromTableArgs(values);
  if ((positionals.length !== 1) === !fromTable) throw new CliError(`usage: tasklab ${usage}`);
  const method = values.method as AffinityMethod | undefined;
  if (!method || !METHODS.includes(method)) throw new CliError(`--method: expected one of ${METHODS.join(', ')}, got "${values.method ?? ''}"`);
  const parsed = fromTable ? ({ ok: true, spec: fromTable.spec } as const) : parseSpec(await readJsonFile(positionals[0]));
  if (!parsed.ok) throw new CliError(`${positionals[0]}: invalid experiment spec:\n${parsed.errors.join('\n')}`);
  const spec = parsed.spec;
  const tables = fromTable?.tables;

  if (method === 'bruteforce') {
    const n = numTasks(datasetOf(spec, tables));
    const cost = estimateBruteForceCost(spec, n);
    if (cost.trainings > MAX_BRUTEFORCE_TRAININGS) {
      throw new CliError(
        `bruteforce with ${n} tasks needs ${cost.trainings} trainings of ${spec.training.steps} steps ` +
          `(${cost.steps} steps in all); the limit is ${MAX_BRUTEFORCE_TRAININGS}. Use --method gradtag.`,
      );
    }
  }

  const backend = values.backend ?? 'cpu';
  if (backend !== 'cpu' && backend !== 'wasm') throw new CliError(`--backend: expected cpu or wasm, got "${backend}"`);
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
