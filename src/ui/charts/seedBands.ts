// Runs to compare, grouped by spec: runs whose specs differ only by seed form one group, drawn as
// the per-step mean ± std over its seeds (sample std, n − 1); a lone run is drawn as its own curve.
import type { ExperimentSpec } from '../../protocol/index.ts';
import { taskLosses, type LossSeries } from '../../store/lossSeries.ts';
import { emaSmooth } from './smoothing.ts';

export interface ComparedRun {
  id: string;
  name: string;
  spec: ExperimentSpec;
  taskNames: string[];
  losses: LossSeries;
}

export interface TaskBand {
  task: string;
  mean: Float32Array;
  /** Sample standard deviation over the group's runs at each step (0 for a single run). */
  std: Float32Array;
}

export interface SeedGroup {
  key: string;
  name: string;
  seeds: number[];
  runIds: string[];
  tasks: TaskBand[];
}

/** JSON with sorted keys, so equal specs give equal strings whatever their key order. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** What identifies "the same experiment": the spec without its seed. */
export const specKey = (spec: ExperimentSpec) => stableJson({ ...spec, seed: undefined });

/** Mean and sample std per step over curves, up to the shortest curve's length. */
export function seedBand(curves: ArrayLike<number>[]): { mean: Float32Array; std: Float32Array } {
  const length = curves.length ? Math.min(...curves.map((c) => c.length)) : 0;
  const mean = new Float32Array(length);
  const std = new Float32Array(length);
  const n = curves.length;
  for (let s = 0; s < length; s++) {
    let sum = 0;
    for (const curve of curves) sum += curve[s];
    const m = sum / n;
    let sq = 0;
    for (const curve of curves) sq += (curve[s] - m) ** 2;
    mean[s] = m;
    std[s] = n > 1 ? Math.sqrt(sq / (n - 1)) : 0;
  }
  return { mean, std };
}

/** Groups runs by spec (first appearance order) and computes each task's band after EMA smoothing. */
export function seedGroups(runs: ComparedRun[], smoothing = 0): SeedGroup[] {
  const byKey = new Map<string, ComparedRun[]>();
  for (const run of runs) {
    const key = specKey(run.spec);
    byKey.set(key, [...(byKey.get(key) ?? []), run]);
  }
  return [...byKey].map(([key, group]) => ({
    key,
    name: group[0].name,
    seeds: group.map((r) => r.spec.seed),
    runIds: group.map((r) => r.id),
    tasks: group[0].taskNames.map((task, t) => ({
      task,
      ...seedBand(group.map((run) => emaSmooth(taskLosses(run.losses, t), smoothing))),
    })),
  }));
}
