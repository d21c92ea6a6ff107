// The run loop's hook for live affinity: measure every `every` steps on the current batch,
// before the optimiser steps, and keep a device-side running mean to report as snapshots.
import * as tf from '@tensorflow/tfjs';
import type { AffinitySpec, ExperimentSpec } from '../../protocol/index.ts';
import type { MultitaskModel } from '../models/model.ts';
import type { TensorBatch } from '../train/batches.ts';
import { conflicts, gradientCosine } from './cosine.ts';
import { FORWARD_SHARE } from './cost.ts';
import { lookaheadAffinity } from './lookahead.ts';
import { createRunningMean } from './runningMean.ts';

/** Adam's bias-corrected first steps are huge; TAG measurements skip them (ALGORITHMS §1.7). */
const ADAM_SKIP_STEPS = 20;

export interface AffinityProbe {
  method: AffinitySpec['method'];
  /** Measures if `step` is a measurement step; resolves to whether it did. */
  measure(step: number, batch: TensorBatch): Promise<boolean>;
  /** Number of measurements so far. */
  count(): number;
  /** Mean affinity so far, row-major [source, target]; null before the first measurement. */
  read(): Promise<Float32Array | null>;
  /** Mean conflict rate (cosine < 0) so far; cosine only. */
  readConflictRate(): Promise<Float32Array | null>;
  /** Extra passes spent measuring (see cost.ts). */
  passes(): number;
  dispose(): void;
}

export function defaultSkipSteps(affinity: AffinitySpec, training: ExperimentSpec['training']): number {
  return affinity.skipSteps ?? (training.optimizer === 'adam' ? ADAM_SKIP_STEPS : 0);
}

export function isMeasurementStep(step: number, affinity: AffinitySpec, training: ExperimentSpec['training']): boolean {
  const skip = defaultSkipSteps(affinity, training);
  return step >= skip && (step - skip) % affinity.every === 0;
}

/** Measurements taken in a run of `steps` steps. */
export function countMeasurements(steps: number, affinity: AffinitySpec, training: ExperimentSpec['training']): number {
  const skip = defaultSkipSteps(affinity, training);
  return steps > skip ? Math.floor((steps - 1 - skip) / affinity.every) + 1 : 0;
}

/** Passes one measurement costs: n backward passes, plus n + 1 forward ones for lookahead. */
export function measurementPasses(method: AffinitySpec['method'], numTasks: number, batchSize: number): number {
  const backward = batchSize * numTasks;
  return method === 'lookahead' ? backward + FORWARD_SHARE * batchSize * (numTasks + 1) : backward;
}

export function createAffinityProbe(
  model: MultitaskModel,
  affinity: AffinitySpec,
  training: ExperimentSpec['training'],
): AffinityProbe {
  const learningRate = affinity.learningRate ?? training.learningRate;
  const mean = createRunningMean();
  const conflictRate = createRunningMean();
  let passes = 0;
  const n = model.numTasks;

  return {
    method: affinity.method,
    async measure(step, batch) {
      if (!isMeasurementStep(step, affinity, training)) return false;
      const size = Object.values(batch)[0]?.shape[0] ?? 0;
      if (affinity.method === 'lookahead') {
        const z = await lookaheadAffinity(model, batch, learningRate);
        mean.add(z);
        z.dispose();
      } else {
        const c = await gradientCosine(model, batch);
        const conflict = conflicts(c);
        mean.add(c);
        conflictRate.add(conflict);
        tf.dispose([c, conflict]);
      }
      passes += measurementPasses(affinity.method, n, size);
      return true;
    },
    count: () => mean.count(),
    read: () => mean.read(),
    readConflictRate: () => conflictRate.read(),
    passes: () => passes,
    dispose() {
      mean.dispose();
      conflictRate.dispose();
    },
  };
}
