// One optimisation step of a multitask model: the importable loop body that the run loop,
// tests and benchmarks share.
import * as tf from '@tensorflow/tfjs';
import type { ExperimentSpec } from '../../protocol.ts';
import { allVariables, type MultitaskModel, type TrainStepOptions } from '../models/model.ts';
import type { TensorBatch } from './batches.ts';
import { createOptimizer } from './optimizer.ts';

export interface Trainer {
  /** Trains on one batch; returns the per-task losses before the update (caller disposes). */
  step(batch: TensorBatch, options?: TrainStepOptions): tf.Tensor1D;
  /** The auxiliary loss of the latest step (models with `lossesWithAux`), owned by the trainer. */
  lastAuxLoss(): tf.Scalar | null;
  dispose(): void;
}

export function createTrainer(model: MultitaskModel, training: ExperimentSpec['training']): Trainer {
  const optimizer = createOptimizer(training);
  const variables = allVariables(model);
  let auxLoss: tf.Scalar | null = null;
  return {
    step(batch, options) {
      let taskLosses: tf.Tensor1D | undefined;
      auxLoss?.dispose();
      auxLoss = null;
      // Joint training minimises the sum of task losses (equal task weights), plus the model's
      // auxiliary loss when it has one.
      const total = optimizer.minimize(
        () => {
          if (!model.lossesWithAux) {
            const losses = model.taskLosses(batch);
            taskLosses = tf.keep(losses);
            return tf.sum(losses) as tf.Scalar;
          }
          const both = model.lossesWithAux(batch, options);
          taskLosses = tf.keep(both.taskLosses);
          auxLoss = tf.keep(both.auxLoss);
          return tf.add(tf.sum(both.taskLosses), both.auxLoss) as tf.Scalar;
        },
        true,
        variables,
      );
      total?.dispose();
      return taskLosses!;
    },
    lastAuxLoss: () => auxLoss,
    dispose: () => {
      auxLoss?.dispose();
      optimizer.dispose();
    },
  };
}
