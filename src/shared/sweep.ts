// Seed and parameter sweeps, pure: expand a sweep into one spec per (setting combination, seed),
// and summarise finished runs as mean ± spread per combination. Shared by the bridge, the sweep
// view and tests.
import { parseSpec, type ExperimentSpec, type TaskResult } from '../protocol/index.ts';
import type { CellOf } from '../notebook/index.ts';

type SweepCell = CellOf<'sweep'>;
type SweepValue = number | string;

export interface SweepRunPlan {
  spec: ExperimentSpec;
  seed: number;
  values: SweepValue[];
}

/** Every combination of the axes' values (one empty combination when there are no axes). */
function combinations(axes: SweepCell['axes']): SweepValue[][] {
  return axes.reduce<SweepValue[][]>(
    (combos, axis) => combos.flatMap((combo) => axis.values.map((v) => [...combo, v])),
    [[]],
  );
}

function withValue(spec: Record<string, unknown>, path: string, value: SweepValue): Record<string, unknown> {
  const [section, key] = path.split('.');
  return { ...spec, [section]: { ...(spec[section] as Record<string, unknown>), [key]: value } };
}

export const settingLabel = (axes: SweepCell['axes'], values: SweepValue[]) =>
  axes.map((axis, i) => `${axis.path.split('.')[1]}=${values[i]}`).join(', ') || 'as set';

/**
 * One run per combination and seed: seeds are the experiment's seed, +1, +2, …; each spec is
 * validated, and the first invalid one is reported by its setting.
 */
export function expandSweep(
  spec: ExperimentSpec,
  sweep: Pick<SweepCell, 'axes' | 'seeds'>,
): { ok: true; runs: SweepRunPlan[] } | { ok: false; error: string } {
  const runs: SweepRunPlan[] = [];
  for (const values of combinations(sweep.axes)) {
    const set = sweep.axes.reduce(
      (s, axis, i) => withValue(s, axis.path, values[i]),
      spec as unknown as Record<string, unknown>,
    );
    for (let i = 0; i < sweep.seeds; i++) {
      const seed = spec.seed + i;
      const parsed = parseSpec({
        ...set,
        seed,
        name: `${spec.name} · ${settingLabel(sweep.axes, values)} · seed ${seed}`.slice(0, 200),
      });
      if (!parsed.ok) return { ok: false, error: `${settingLabel(sweep.axes, values)}: ${parsed.errors.join('; ')}` };
      runs.push({ spec: parsed.spec, seed, values });
    }
  }
  return { ok: true, runs };
}

/** A run's figure for the sweep: its tasks' mean validation score or loss. */
export function runMetric(tasks: TaskResult[], metric: SweepCell['metric']): number {
  return tasks.reduce((sum, t) => sum + t[metric], 0) / tasks.length;
}

export interface SweepRow {
  values: SweepValue[];
  /** Each finished run's figure, by seed. */
  runs: { seed: number; value: number }[];
  mean: number;
  /** Sample standard deviation over seeds (0 for a single run). */
  std: number;
}

/** Mean ± spread per combination, in the sweep's order; combinations with no finished run have n = 0 and NaN. */
export function summariseSweep(
  axes: SweepCell['axes'],
  finished: { values: SweepValue[]; seed: number; value: number }[],
): SweepRow[] {
  return combinations(axes).map((values) => {
    const runs = finished
      .filter((r) => r.values.length === values.length && r.values.every((v, i) => v === values[i]))
      .map(({ seed, value }) => ({ seed, value }));
    const n = runs.length;
    const mean = runs.reduce((s, r) => s + r.value, 0) / n;
    const std = n > 1 ? Math.sqrt(runs.reduce((s, r) => s + (r.value - mean) ** 2, 0) / (n - 1)) : 0;
    return { values, runs, mean, std };
  });
}

/** Long-format CSV of a sweep: one line per run, then one per combination's mean and std. */
export function sweepCsv(axes: SweepCell['axes'], metric: string, rows: SweepRow[]): string {
  const quote = (v: SweepValue) => (typeof v === 'number' ? String(v) : `"${String(v).replace(/"/g, '""')}"`);
  const header = [...axes.map((a) => a.path), 'seed', 'statistic', metric].join(',');
  const lines = rows.flatMap((row) => {
    const setting = row.values.map(quote);
    return [
      ...row.runs.map((r) => [...setting, r.seed, 'run', r.value].join(',')),
      [...setting, '', 'mean', row.mean].join(','),
      [...setting, '', 'std', row.std].join(','),
    ];
  });
  return [header, ...lines].join('\n');
}
