import { parseArgs } from 'node:util';
import { initBackend } from '../engine/backend.ts';
import { searchBranching } from '../engine/grouping/branching.ts';
import { createCosineProvider } from '../engine/grouping/cosineProvider.ts';
import { checkOutFile, CliError, nodeBackend, nodeWasmFolder, readSpecFile, UsageError, writeJson } from './io.ts';
import { quietTfjs } from './quietTfjs.ts';

const MAX_DEPTH = 8;
/** More children per node than this is never a tree anyone can read (and the grouping is O(k) SDPs). */
const MAX_ARITY = 64;

function positiveInt(value: string | undefined, flag: string, max: number): number {
  if (value === undefined) throw new CliError(`${flag} is required`);
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new CliError(`${flag}: expected an integer in 1..${max}, got "${value}"`);
  return n;
}

export async function branchCommand(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      depth: { type: 'string' },
      arity: { type: 'string' },
      backend: { type: 'string' },
      out: { type: 'string' },
    },
  });
  if (positionals.length !== 1) throw new UsageError();
  const depth = positiveInt(values.depth, '--depth', MAX_DEPTH);
  const arity = positiveInt(values.arity, '--arity', MAX_ARITY);
  await checkOutFile(values.out);
  const spec = await readSpecFile(positionals[0]);
  quietTfjs();
  await initBackend(nodeBackend(values.backend, spec.backend), { wasmPaths: nodeWasmFolder() });

  const affinity = createCosineProvider(spec, { depth });
  try {
    const result = await searchBranching(affinity.taskNames.length, affinity.provider, {
      depth,
      arity,
      seed: spec.seed,
    });
    await writeJson({ tasks: affinity.taskNames, layers: result.layers }, values.out);
  } finally {
    affinity.dispose();
  }
}
