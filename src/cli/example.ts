import { parseArgs } from 'node:util';
import { EXAMPLES } from '../shared/examples.ts';
import { checkOutFile, CliError, specFromFlags, UsageError, writeJson } from './io.ts';

export async function exampleCommand(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { seed: { type: 'string' }, out: { type: 'string' } },
  });
  if (positionals.length > 1) throw new UsageError();
  const [name] = positionals;
  await checkOutFile(values.out);
  if (!name) {
    await writeJson(
      Object.entries(EXAMPLES).map(([key, example]) => ({ name: key, description: example.description })),
      values.out,
    );
    return;
  }
  const example = Object.hasOwn(EXAMPLES, name) ? EXAMPLES[name] : undefined;
  if (!example) throw new CliError(`unknown example "${name}"; known: ${Object.keys(EXAMPLES).join(', ')}`);
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0)
    throw new CliError(`--seed: expected a non-negative integer, got "${values.seed}"`);
  await writeJson(specFromFlags(example.spec(seed), { seed: '--seed' }), values.out);
}
