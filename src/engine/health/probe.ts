// The run loop's expert-health hook: on a fixed held-out probe batch, every ~250 ms (never more than
// a fifth of the run's time) and once at the end, emit a 'health' snapshot with the anomalies found.
import type { HealthSnapshotEvent, RunEvent } from '../../protocol/index.ts';
import { selectRows, type Dataset } from '../data/dataset.ts';
import type { MultitaskModel } from '../models/model.ts';
import { toDevice } from '../train/batches.ts';
import { isHealthModel } from './healthModel.ts';
import { healthFlags, layerHealth, type ExpertActivity } from './stats.ts';

const PROBE_ROWS = 128;
const INTERVAL_MS = 250;

/** [G] each task's share of the training labels (the mask's column sums; all equal without a mask; text: windows per domain). */
export function labelShares(train: Dataset): Float32Array {
  const tasks = train.taskNames.length;
  const counts = new Float64Array(tasks);
  const mask = train.fields.mask?.values;
  const domain = train.fields.domain?.values;
  if (domain) domain.forEach((d) => counts[d]++);
  else
    for (let s = 0; s < train.numSamples; s++)
      for (let t = 0; t < tasks; t++) counts[t] += mask ? mask[s * tasks + t] : 1;
  const total = counts.reduce((a, b) => a + b, 0);
  return Float32Array.from(counts, (c) => (total > 0 ? c / total : 0));
}

/** Task names replace the models' "task<i>" placeholders in expert names. */
const named = (activity: ExpertActivity, taskNames: string[]): ExpertActivity => ({
  ...activity,
  expertNames: activity.expertNames.map((name) =>
    name.replace(/^task(\d+)/, (_, i) => taskNames[Number(i)] ?? `task${i}`),
  ),
});

export function buildHealthSnapshot(
  activity: ExpertActivity[],
  step: number,
  groupNames: string[],
  dataShare: Float32Array,
  groupKind: 'task' | 'domain' = 'task',
): HealthSnapshotEvent {
  const layers = activity.map((layer) => layerHealth(named(layer, groupNames), groupNames.length));
  const flags = layers.flatMap((layer, i) => healthFlags(layer, i, groupNames, dataShare, groupKind));
  // A copy: the worker transfers every snapshot's buffers, and a transferred buffer cannot be sent again.
  return { type: 'snapshot', kind: 'health', step, groupKind, groupNames, dataShare: dataShare.slice(), layers, flags };
}

export interface HealthProbe {
  maybeEmit(step: number): Promise<void>;
  emitNow(step: number): Promise<HealthSnapshotEvent>;
  dispose(): void;
}

/** Null for models without inspectable experts. `probeData`: held-out rows; `train`: for label shares. */
export function createHealthProbe(
  model: MultitaskModel,
  probeData: Dataset,
  train: Dataset,
  emit: (event: RunEvent) => void,
): HealthProbe | null {
  if (!isHealthModel(model) || probeData.numSamples === 0) return null;
  const rows = Math.min(model.healthProbeRows ?? PROBE_ROWS, probeData.numSamples);
  const device = toDevice(
    selectRows(
      probeData,
      Array.from({ length: rows }, (_, i) => i),
    ),
  );
  const dataShare = labelShares(train);
  let lastSent = -Infinity;
  let lastCost = 0;
  const emitNow = async (step: number) => {
    const started = performance.now();
    const event = buildHealthSnapshot(
      await model.expertActivity(device.tensors),
      step,
      train.taskNames,
      dataShare,
      model.healthGroups,
    );
    emit(event);
    lastSent = performance.now();
    lastCost = lastSent - started;
    return event;
  };
  return {
    emitNow,
    maybeEmit: async (step) => {
      if (performance.now() - lastSent >= Math.max(INTERVAL_MS, 4 * lastCost)) await emitNow(step);
    },
    dispose: () => device.dispose(),
  };
}
