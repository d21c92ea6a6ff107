// The figures the lessons state, computed from plain run output so a unit test (on the cpu backend)
// and bench/lessons.ts can check them: co-movement of loss curves, within- vs across-group means,
// the expert load of a gated model, and the final routing snapshot of a routed model.
import * as tf from '@tensorflow/tfjs';
import type { DoneEvent, ExperimentSpec, RoutingSnapshotEvent } from '../../protocol/index.ts';
import type { GatedMultitaskModel } from '../models/mmoe.ts';
import { coefficientOfVariation } from '../routing/load.ts';
import { gatherBatch } from '../train/batches.ts';
import { prepareRun } from '../train/prepareRun.ts';
import { runExperiment } from '../run.ts';

export { lossChangeCorrelation } from '../../shared/lossCorrelation.ts';

export interface ExpertLoadResult {
  /** Share of gate weight each expert gets, over all tasks and validation samples (sums to 1). */
  load: number[];
  /** Coefficient of variation of `load`: 0 = perfectly balanced, √(E−1) = one expert takes all. */
  loadCV: number;
  /** Share of (task, sample) pairs whose largest gate weight is on each expert: the hard usage. */
  top1Load: number[];
  top1LoadCV: number;
  /** Mean validation loss over tasks. */
  validationLoss: number;
}

/** Trains a gated model (MMoE / PLE spec) on the current backend and measures its expert load. */
export async function trainAndMeasureLoad(spec: ExperimentSpec): Promise<ExpertLoadResult> {
  const prepared = prepareRun(spec);
  const { trainer, trainData, validationData, nextBatch } = prepared;
  const model = prepared.model as GatedMultitaskModel;
  try {
    if (!model.gateWeights) throw new Error(`model kind "${spec.model.kind}" has no gates to measure`);
    for (let step = 0; step < spec.training.steps; step++) {
      const batch = gatherBatch(trainData, nextBatch());
      tf.dispose([trainer.step(batch), ...Object.values(batch)]);
    }
    const all = gatherBatch(
      validationData,
      Int32Array.from({ length: validationData.size }, (_, i) => i),
    );
    const [loadTensor, topTensor, lossTensor] = tf.tidy(() => {
      const weights = model.gateWeights(all); // [T, N, E]
      const experts = weights.shape[2];
      const perExpert = tf.sum(weights, [0, 1]);
      const top1 = tf.sum(
        tf.cast(tf.oneHot(tf.reshape(tf.argMax(weights, 2), [-1]) as tf.Tensor1D, experts), 'float32'),
        0,
      );
      return [tf.div(perExpert, tf.sum(perExpert)), tf.div(top1, tf.sum(top1)), tf.mean(model.taskLosses(all))];
    });
    const load = Array.from(await loadTensor.data(), Number);
    const top1Load = Array.from(await topTensor.data(), Number);
    const validationLoss = (await lossTensor.data())[0];
    tf.dispose([loadTensor, topTensor, lossTensor, ...Object.values(all)]);
    return {
      load,
      loadCV: coefficientOfVariation(load),
      top1Load,
      top1LoadCV: coefficientOfVariation(top1Load),
      validationLoss,
    };
  } finally {
    prepared.dispose();
  }
}

export interface FinalRouting {
  /** The run's last routing snapshot (taken once more at the end of training, on the fixed probe batch). */
  routing: RoutingSnapshotEvent;
  /** Mean validation loss over tasks (domains for the language model). */
  validationLoss: number;
  done: DoneEvent;
}

/** Runs a spec with a routed model on the current backend and returns its final routing snapshot. */
export async function trainAndReadRouting(spec: ExperimentSpec, texts?: Record<string, string>): Promise<FinalRouting> {
  let routing: RoutingSnapshotEvent | undefined;
  const done = await runExperiment(spec, {
    keepBackend: true,
    texts,
    emit: (event) => {
      if (event.type === 'snapshot' && event.kind === 'routing') routing = event;
    },
  });
  if (!routing) throw new Error(`model kind "${spec.model.kind}" reported no routing`);
  const validationLoss = done.tasks.reduce((sum, t) => sum + t.validationLoss, 0) / done.tasks.length;
  return { routing, validationLoss, done };
}
