// The run loop's routing hook: every ~250 ms, run the model's routers on a fixed probe batch (no
// training) and emit a 'routing' snapshot. MoE language models report their layers' RoutingInfo;
// MMoE/PLE report their task gates as one layer.
import * as tf from '@tensorflow/tfjs';
import type { ExperimentSpec, RunEvent } from '../../protocol/index.ts';
import { getField, selectRows, type Dataset } from '../data/dataset.ts';
import type { GatedMultitaskModel } from '../models/mmoe.ts';
import type { MultitaskModel } from '../models/model.ts';
import { toDevice } from '../train/batches.ts';
import { buildRoutingSnapshot, isRoutedModel, type ProbeLayer, type ProbeRouting } from './liveSnapshot.ts';
import { readToHost, runAnswered } from '../hostReads.ts';

export const ROUTING_SNAPSHOT_INTERVAL_MS = 250;
/** Probe rows: tabular samples for task gates, windows per domain for language models. */
const GATE_PROBE_ROWS = 64;
const WINDOWS_PER_DOMAIN = 4;

const isGated = (model: MultitaskModel): model is GatedMultitaskModel => 'gateWeights' in model;

/** Task gates' weights [T, N, E] as a probe: token τ·N + i is sample i seen by task τ's gate. */
export function gateProbe(
  weights: Float32Array,
  numTasks: number,
  numExperts: number,
  taskNames: string[],
  expertNames: string[],
  sparse: boolean,
): ProbeRouting {
  const tokens = weights.length / numExperts;
  const n = tokens / numTasks;
  const maxK = sparse ? numExperts : 1;
  const topIds = new Int32Array(tokens * maxK).fill(-1);
  for (let t = 0; t < tokens; t++) {
    const row = weights.subarray(t * numExperts, (t + 1) * numExperts);
    const order = Array.from(row.keys()).sort((a, b) => row[b] - row[a] || a - b);
    // A top-k gate's choices are its non-zero weights; a softmax gate is recorded by its heaviest expert.
    const chosen = sparse ? order.filter((e) => row[e] > 0) : order.slice(0, 1);
    chosen.forEach((e, j) => (topIds[t * maxK + j] = e));
  }
  const layer: ProbeLayer = {
    numExperts,
    maxK,
    topIds,
    kept: new Uint8Array(tokens * maxK).fill(1),
    probs: weights,
    dropRate: 0,
    mixture: weights,
  };
  return {
    groupKind: 'task',
    groupNames: taskNames,
    expertNames,
    groupOf: Int32Array.from({ length: tokens }, (_, t) => Math.floor(t / n)),
    layers: [layer],
  };
}

function gateExpertNames(model: ExperimentSpec['model'], numExperts: number): string[] {
  if (model.kind !== 'ple') return Array.from({ length: numExperts }, (_, e) => `e${e}`);
  return [
    ...Array.from({ length: model.taskExperts }, (_, e) => `own ${e}`),
    ...Array.from({ length: model.sharedExperts }, (_, e) => `shared ${e}`),
  ];
}

/** Probe rows: the first rows, or for text the first few windows of each domain. */
function probeRows(data: Dataset): number[] {
  if (!data.vocab) return Array.from({ length: Math.min(GATE_PROBE_ROWS, data.numSamples) }, (_, i) => i);
  const domain = getField(data, 'domain').values;
  const rows: number[] = [];
  data.taskNames.forEach((_, d) => {
    let found = 0;
    for (let i = 0; i < data.numSamples && found < WINDOWS_PER_DOMAIN; i++) {
      if (domain[i] !== d) continue;
      rows.push(i);
      found++;
    }
  });
  return rows;
}

export interface RoutingProbe {
  maybeEmit(step: number): Promise<void>;
  emitNow(step: number): Promise<void>;
  dispose(): void;
}

/** Null for models without routers. `data` should be held-out rows, so the probe stays fixed. */
export function createRoutingProbe(
  model: MultitaskModel,
  spec: ExperimentSpec,
  data: Dataset,
  emit: (event: RunEvent) => void,
): RoutingProbe | null {
  if (!isRoutedModel(model) && !isGated(model)) return null;
  const rows = probeRows(data);
  if (rows.length === 0) return null;
  const device = toDevice(selectRows(data, rows));
  let previous: ProbeRouting | undefined;
  let lastSent = -Infinity;
  let lastCost = 0;

  const probe = (): ProbeRouting => {
    if (isRoutedModel(model)) return model.probeRouting(device.tensors);
    const weights = (model as GatedMultitaskModel).gateWeights(device.tensors);
    const [t, , e] = weights.shape;
    const values = readToHost(weights) as Float32Array;
    weights.dispose();
    const sparse = (spec.model.kind === 'mmoe' || spec.model.kind === 'ple') && spec.model.gate === 'topk';
    return gateProbe(values, t, e, data.taskNames, gateExpertNames(spec.model, e), sparse);
  };
  const emitNow = async (step: number) => {
    const started = performance.now();
    const current = await runAnswered(() => {
      let routing!: ProbeRouting;
      tf.tidy(() => void (routing = probe()));
      return routing;
    });
    emit(buildRoutingSnapshot(current, step, previous));
    previous = current;
    lastSent = performance.now();
    lastCost = lastSent - started;
  };
  return {
    emitNow,
    maybeEmit: async (step) => {
      // Every ~250 ms, but never more than a fifth of the run's time on slow backends.
      if (performance.now() - lastSent >= Math.max(ROUTING_SNAPSHOT_INTERVAL_MS, 4 * lastCost)) await emitNow(step);
    },
    dispose: () => device.dispose(),
  };
}
