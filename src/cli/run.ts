import { parseArgs } from 'node:util';
import type { HealthSnapshotEvent, RunEvent } from '../protocol/index.ts';
import { healthJson } from './healthJson.ts';
import { runExperiment } from '../engine/run.ts';
import { readCategories, withCategories } from './categories.ts';
import { readCorpusTexts } from './corpus.ts';
import { checkOutFile, nodeBackend, nodeWasmFolder, readSpecFile, UsageError, warn, writeJson } from './io.ts';
import { quietTfjs } from './quietTfjs.ts';
import { specFromTableArgs, TABLE_OPTIONS } from './tableArgs.ts';

export async function runCommand(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { backend: { type: 'string' }, out: { type: 'string' }, categories: { type: 'string' }, ...TABLE_OPTIONS },
  });
  if (positionals.length !== (values.data === undefined ? 1 : 0)) throw new UsageError();
  await checkOutFile(values.out);
  const fromTable = values.data === undefined ? undefined : await specFromTableArgs(values);
  const given = fromTable?.spec ?? (await readSpecFile(positionals[0]));
  const spec =
    values.categories === undefined
      ? given
      : withCategories(given, await readCategories(values.categories), values.categories);
  const backend = nodeBackend(values.backend, spec.backend);
  quietTfjs();

  const history: number[][] = [];
  let taskNames: string[] = [];
  let backendUsed = '';
  let health: HealthSnapshotEvent | undefined;
  const collect = (event: RunEvent) => {
    if (event.type === 'snapshot' && event.kind === 'health') health = event;
    if (event.type === 'ready') backendUsed = event.backend;
    if (event.type === 'started') {
      taskNames = event.taskNames;
      taskNames.forEach(() => history.push([]));
    }
    if (event.type === 'progress') {
      for (let s = 0; s < event.numSteps; s++) {
        for (let t = 0; t < event.numTasks; t++) history[t].push(event.losses[s * event.numTasks + t]);
      }
    }
  };
  const done = await runExperiment(
    { ...spec, backend },
    {
      emit: collect,
      backend: { wasmPaths: nodeWasmFolder() },
      tables: fromTable?.tables,
      texts: await readCorpusTexts(spec),
    },
  );
  done.warnings?.forEach(warn);
  await writeJson(
    {
      tasks: taskNames,
      backend: backendUsed,
      seconds: done.seconds,
      steps: done.stepsRun,
      history: Object.fromEntries(taskNames.map((name, t) => [name, { loss: history[t] }])),
      final: Object.fromEntries(done.tasks.map((task) => [task.name, task])),
      ...(done.warnings?.length ? { warnings: done.warnings } : {}),
      // Multitask MoE models: expert health at the end of training.
      ...(health ? { health: healthJson(health) } : {}),
    },
    values.out,
  );
}
