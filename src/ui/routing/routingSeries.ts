// Pure helpers that turn a run's routing snapshots into chart inputs and screen-reader summaries.
import type { RoutingSnapshotEvent, SnapshotEvent } from '../../protocol/index.ts';

export const routingSnapshots = (snapshots: SnapshotEvent[]): RoutingSnapshotEvent[] =>
  snapshots.filter((s): s is RoutingSnapshotEvent => s.kind === 'routing');

/** The snapshot to compare the latest with: about a quarter of the run back (the one before it early on). */
export function previousSnapshot(snapshots: RoutingSnapshotEvent[]): RoutingSnapshotEvent | undefined {
  if (snapshots.length < 2) return undefined;
  return snapshots[Math.min(snapshots.length - 2, Math.floor((snapshots.length - 1) * 0.75))];
}

/** [layers × E] load of every layer. */
export function layerLoadMatrix(snapshot: RoutingSnapshotEvent): Float32Array {
  const E = snapshot.numExperts;
  const out = new Float32Array(snapshot.layers.length * E);
  snapshot.layers.forEach((layer, l) => out.set(layer.load, l * E));
  return out;
}

export function loadOverTime(snapshots: RoutingSnapshotEvent[], layer: number): { step: number; load: Float32Array }[] {
  return snapshots.filter((s) => s.layers[layer]).map((s) => ({ step: s.step, load: s.layers[layer].load }));
}

/** "task 0 mostly e2 (61%), …" for the usage heatmap's aria-label. */
export function usageSummary(snapshot: RoutingSnapshotEvent, layer: number): string {
  const E = snapshot.numExperts;
  const usage = snapshot.layers[layer].usage;
  const parts = snapshot.groupNames.map((group, g) => {
    let best = 0;
    for (let e = 1; e < E; e++) if (usage[g * E + e] > usage[g * E + best]) best = e;
    return `${group} mostly ${snapshot.expertNames[best]} (${Math.round(usage[g * E + best] * 100)}%)`;
  });
  return `${snapshot.groupKind === 'task' ? 'Task' : 'Domain'} × expert usage at step ${snapshot.step}: ${parts.join(', ')}.`;
}
