// `tasklab export <spec.json> --to pytorch --out DIR`: the experiment as a standalone PyTorch project.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { exportProject, type PythonTemplates } from '../engine/export/project.ts';
import { parseScale } from '../engine/export/scale.ts';
import { readCorpusTexts } from './corpus.ts';
import { CliError, readJsonFile, readSpecFile, UsageError } from './io.ts';
import { specFromTableArgs, TABLE_OPTIONS } from './tableArgs.ts';

const PYTHON_DIR = new URL('../../python/', import.meta.url);

export async function readTemplates(): Promise<PythonTemplates> {
  const read = (name: string) => readFile(new URL(name, PYTHON_DIR), 'utf8');
  const [multitask, gnn, moeLm, trace] = await Promise.all(
    ['train_multitask.py', 'train_gnn.py', 'train_moe_lm.py', 'tasklab_trace.py'].map(read),
  );
  return { multitask, gnn, moeLm, trace };
}

/** A tree from `tasklab branch` (its `layers`) turns the spec's model into that branched network. */
async function withTree(spec: Record<string, unknown>, treePath: string): Promise<Record<string, unknown>> {
  const tree = (await readJsonFile(treePath)) as { layers?: unknown } | null;
  if (!Array.isArray(tree?.layers))
    throw new CliError(
      `${treePath}: expected the output of tasklab branch, {"tasks": […], "layers": [[[task indices] per group] per layer]}`,
    );
  const model = (spec.model ?? {}) as { activation?: string };
  return {
    ...spec,
    model: { kind: 'branched', layers: tree.layers, ...(model.activation ? { activation: model.activation } : {}) },
  };
}

export async function exportCommand(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      to: { type: 'string' },
      out: { type: 'string' },
      tree: { type: 'string' },
      scale: { type: 'string' },
      ...TABLE_OPTIONS,
    },
  });
  if (positionals.length !== (values.data === undefined ? 1 : 0) || !values.out) throw new UsageError();
  if (values.to !== 'pytorch')
    throw new CliError(`--to: the only export target is "pytorch"${values.to ? `, not "${values.to}"` : ''}`);
  const fromTable = values.data === undefined ? undefined : await specFromTableArgs(values);
  let spec = (fromTable?.spec ?? (await readSpecFile(positionals[0]))) as Record<string, unknown>;
  if (values.tree) spec = await withTree(spec, values.tree);

  let files;
  try {
    const scale = values.scale === undefined ? undefined : parseScale(values.scale);
    files = exportProject(spec, {
      templates: await readTemplates(),
      tables: fromTable?.tables,
      texts: await readCorpusTexts(spec),
      scale,
    });
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  for (const [path, content] of Object.entries(files)) {
    const target = join(values.out, path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, content);
  }
  console.error(
    `tasklab export: wrote ${Object.keys(files).length} files to ${values.out}; run: python3 ${join(values.out, 'train.py')} --out result.json`,
  );
}
