// Pure helpers of the expert health view: the run's health snapshots, who may use each expert, and
// the time series of a per-expert statistic.
import type { HealthLayer, HealthSnapshotEvent, SnapshotEvent } from '../../protocol/index.ts';

export const healthSnapshots = (snapshots: SnapshotEvent[]) =>
  snapshots.filter((s): s is HealthSnapshotEvent => s.kind === 'health');

/** "shared", "own: taskA", or the group's names when an expert serves some tasks (a meta-category). */
export function ownerLabel(owners: number[], groupNames: string[]): string {
  if (owners.length === groupNames.length && groupNames.length > 1) return 'shared';
  if (owners.length === 1) return `own: ${groupNames[owners[0]]}`;
  return `category: ${owners.map((g) => groupNames[g]).join(', ')}`;
}

/** The task giving an expert most of its gate weight, and that share. */
export function topOccupant(layer: HealthLayer, expert: number, groupNames: string[]): { task: string; share: number } {
  const G = groupNames.length;
  let top = 0;
  for (let g = 1; g < G; g++) if (layer.occupancy[expert * G + g] > layer.occupancy[expert * G + top]) top = g;
  return { task: groupNames[top], share: layer.occupancy[expert * G + top] };
}

/** One series per expert of a statistic over the snapshots (step → value). */
export function expertSeries(snapshots: HealthSnapshotEvent[], layer: number, stat: 'zeroShare' | 'outputStd') {
  const latest = snapshots.at(-1)?.layers[layer];
  if (!latest) return [];
  return latest.expertNames.map((name, e) => ({
    name,
    points: snapshots.filter((s) => s.layers[layer]).map((s): [number, number] => [s.step, s.layers[layer][stat][e]]),
  }));
}
