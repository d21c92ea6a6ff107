import { parseArgs } from 'node:util';
import { BackendChoice, parseSpec } from '../protocol.ts';
import { initBackend } from '../engine/backend.ts';
import { searchBranching } from '../engine/grouping/branching.ts';
import { createCosineProvider } from '../engine/grouping/cosineProvider.ts';
import { GroupingError } from '../engine/grouping/validate.ts';
import { CliError, nodeWasmFolder, readJsonFile, writeJson } from './io.ts';

export const usage = 'branch <spec.json> --depth L --arity K [--backend cpu|wasm] [--out FILE]';

function positiveInt(value: string | undefined, flag: string): number {
  if (value === undefined) throw new CliError(`${flag} is required`);
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`${flag}: expected a positive integer, got "${value}"`);
  return n;
}

export async function branchCommand(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { depth: { type: 'string' }, arity: { type: 'string' }, backend: { type: 'string' }, out: { type: 'string' } },
  });
  if (positionals.length !== 1) throw new CliError(`usage: tasklab ${usage}`);
  const depth = positiveInt(values.depth, '--depth');
  const arity = positiveInt(values.arity, '--arity');
  if (depth > 8) throw new CliError(`--depth: at most 8 layers, got ${depth}`);
  const parsed = parseSpec(await readJsonFile(positionals[0]));
  if (!parsed.ok) throw new CliError(`invalid experiment spec:\n${parsed.errors.join('\n')}`);
  const spec = parsed.spec;
  const backend = values.backend ?? (spec.backend !== 'auto' ? spec.backend : 'cpu');
  if (!BackendChoice.safeParse(backend).success) throw new CliError(`--backend: expected cpu or wasm, got "${backend}"`);
  await initBackend(backend as BackendChoice, { wasmPaths: nodeWasmFolder() });

  const affinity = createCosineProvider(spec, { depth });
  try {
    const result = await searchBranching(affinity.taskNames.length, affinity.provider, { depth, arity, seed: spec.seed });
    await writeJson({ tasks: affinity.taskNames, layers: result.layers }, values.out);
  } catch (error) {
    if (error instanceof GroupingError) throw new CliError(error.message);
    throw error;
  } finally {
    affinity.dispose();
  }
}
