// What every multitask model offers the training loop and the analyses built on it.
import type * as tf from '@tensorflow/tfjs';

export interface MultitaskModel {
  numTasks: number;
  /** Parameters shared by all tasks (the trunk): what affinity measures perturb. */
  shared: tf.Variable[];
  /** Task-specific parameters (the heads). */
  heads: tf.Variable[];
  /** Predictions for every task, [batch, numTasks]. */
  predict(x: tf.Tensor2D): tf.Tensor2D;
  dispose(): void;
}

export const allVariables = (model: MultitaskModel) => [...model.shared, ...model.heads];
