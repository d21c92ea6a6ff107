// The expert-health figures in `tasklab run` output: the run's last health snapshot as plain JSON,
// experts and tasks by name, with the thresholds its flags used.
import { HEALTH_THRESHOLDS, type HealthSnapshotEvent } from '../protocol/index.ts';

const round = (v: number) => (Number.isFinite(v) ? Math.round(v * 1e4) / 1e4 : null);

export function healthJson(event: HealthSnapshotEvent) {
  const tasks = event.groupNames;
  const byTask = (values: ArrayLike<number>, offset = 0) =>
    Object.fromEntries(tasks.map((task, g) => [task, round(values[offset + g])]));
  return {
    step: event.step,
    groups: event.groupKind,
    thresholds: HEALTH_THRESHOLDS,
    dataShare: byTask(event.dataShare),
    layers: event.layers.map((layer) => ({
      name: layer.name,
      experts: layer.expertNames.map((name, e) => ({
        name,
        owners: layer.owners[e].map((g) => tasks[g]),
        zeroShare: round(layer.zeroShare[e]),
        outputMean: round(layer.outputMean[e]),
        outputStd: round(layer.outputStd[e]),
        ...(layer.load ? { load: round(layer.load[e]) } : {}),
        occupancy: byTask(layer.occupancy, e * tasks.length),
      })),
      specificWeight: byTask(layer.specificWeight),
      uniformSpecific: byTask(layer.uniformSpecific),
    })),
    flags: event.flags.map(({ anomaly, expert, task, value, threshold, message }) => ({
      anomaly,
      expert,
      task,
      value: round(value),
      threshold,
      message,
    })),
  };
}
