// One optimisation step of a multitask model: the importable loop body that the run loop,
// tests and benchmarks share.
import * as tf from '@tensorflow/tfjs';
import type { ExperimentSpec } from '../../protocol.ts';
import { allVariables, type MultitaskModel } from '../models/model.ts';
import type { TensorBatch } from './batches.ts';
import { createOptimizer } from './optimizer.ts';

export interface Trainer {
  /** Trains on one batch; returns the per-task losses before the update (caller disposes). */
  step(batch: TensorBatch): tf.Tensor1D;
  dispose(): void;
}

export function createTrainer(model: MultitaskModel, training: ExperimentSpec['training']): Trainer {
  const optimizer = createOptimizer(training);
  const variables = allVariables(model);
  return {
    step(batch) {
      let taskLosses: tf.Tensor1D | undefined;
      // Joint training minimises the sum of task losses (equal task weights).
      const total = optimizer.minimize(
        () => {
          const losses = model.taskLosses(batch);
          taskLosses = tf.keep(losses);
          return tf.sum(losses) as tf.Scalar;
        },
        true,
        variables,
      );
      total?.dispose();
      return taskLosses!;
    },
    dispose: () => optimizer.dispose(),
  };
}
