// A run's full metrics as files: JSON (everything recorded: spec, backend, every step's per-task
// loss, final results, analysis snapshots) and CSV in long format (metric, step, task, value).
import type { RunRecord } from './runsSlice.ts';
import { csvLine } from '../shared/csv.ts';

const round = (v: number) => (Number.isFinite(v) ? v : null);

export function runMetricsJson(run: RunRecord): string {
  const { numTasks, numSteps, values } = run.losses;
  const taskNames = run.info?.taskNames ?? Array.from({ length: numTasks }, (_, t) => `task ${t}`);
  const trainLoss = Object.fromEntries(
    taskNames.map((name, t) => [name, Array.from({ length: numSteps }, (_, s) => round(values[s * numTasks + t]))]),
  );
  return JSON.stringify(
    {
      format: 'tasklab-run-metrics',
      version: 1,
      id: run.id,
      name: run.name,
      createdAt: new Date(run.createdAt).toISOString(),
      status: run.status,
      error: run.error,
      spec: run.spec,
      backend: run.backend,
      info: run.info,
      steps: numSteps,
      trainLoss,
      result: run.result,
      snapshots: run.snapshots.map(plainArrays),
    },
    null,
    2,
  );
}

/** Typed arrays (affinity matrices, routing loads…) as plain arrays, at any depth, so JSON keeps their values. */
function plainArrays(value: unknown): unknown {
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>);
  if (Array.isArray(value)) return value.map(plainArrays);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plainArrays(v)]));
  return value;
}

export function runMetricsCsv(run: RunRecord): string {
  const { numTasks, numSteps, values } = run.losses;
  const taskNames = run.info?.taskNames ?? Array.from({ length: numTasks }, (_, t) => `task ${t}`);
  const lines = ['metric,step,task,value'];
  const add = (metric: string, step: number | string, task: string, value: number) =>
    lines.push(csvLine([metric, step, task, value]));
  for (let s = 0; s < numSteps; s++)
    for (let t = 0; t < numTasks; t++) add('train_loss', s, taskNames[t], values[s * numTasks + t]);
  for (const task of run.result?.tasks ?? []) {
    add('final_train_loss', run.result!.stepsRun, task.name, task.trainLoss);
    add('validation_loss', run.result!.stepsRun, task.name, task.validationLoss);
    add('validation_score', run.result!.stepsRun, task.name, task.validationScore);
  }
  return `${lines.join('\n')}\n`;
}

/** A file name for a run's exports: its name and seed, safe for every file system. */
export function runFileName(run: RunRecord, extension: string): string {
  const name =
    run.name
      .replace(/[^\w.]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'run';
  return `${name}-seed${run.spec.seed}.${extension}`;
}
