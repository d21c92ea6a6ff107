import { parseArgs } from 'node:util';
import { ExperimentSpec } from '../protocol.ts';
import { EXAMPLES } from '../examples.ts';
import { CliError, writeJson } from './io.ts';

export const usage = 'example [name] [--seed N] [--out FILE]';

export async function exampleCommand(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { seed: { type: 'string' }, out: { type: 'string' } },
  });
  const [name] = positionals;
  if (!name) {
    await writeJson(Object.entries(EXAMPLES).map(([key, example]) => ({ name: key, description: example.description })), values.out);
    return;
  }
  const example = EXAMPLES[name];
  if (!example) throw new CliError(`unknown example "${name}"; known: ${Object.keys(EXAMPLES).join(', ')}`);
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0) throw new CliError(`--seed: expected a non-negative integer, got "${values.seed}"`);
  await writeJson(ExperimentSpec.parse(example.spec(seed)), values.out);
}
