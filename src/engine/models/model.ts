// What every multitask model offers the training loop and the analyses built on it.
import type * as tf from '@tensorflow/tfjs';
import type { TensorBatch } from '../train/batches.ts';

/** Per-step training options the loop passes through to the model. */
export interface TrainStepOptions {
  /** A CompeteSMoE competition step (models with 'compete' routers; others ignore it). */
  compete?: boolean;
}

export interface MultitaskModel {
  numTasks: number;
  /** Parameters shared by all tasks (the trunk): what affinity measures perturb. */
  shared: tf.Variable[];
  /** Task-specific parameters (the heads). */
  heads: tf.Variable[];
  /** Mean loss of each task on a batch, [numTasks]; differentiable w.r.t. all variables. */
  taskLosses(batch: TensorBatch): tf.Tensor1D;
  /**
   * Optional: the task losses plus an auxiliary loss that is no task's (MoE load balancing,
   * router z-loss), from one forward pass. When present, training minimises
   * Σ taskLosses + auxLoss; taskLosses stay the per-task figures that are reported.
   */
  lossesWithAux?(batch: TensorBatch, options?: TrainStepOptions): { taskLosses: tf.Tensor1D; auxLoss: tf.Scalar };
  /** Name of the per-task quality score reported after training ("R²", "accuracy"). */
  scoreName: string;
  /** Per-task quality score on a batch (higher is better), [numTasks]. */
  taskScores(batch: TensorBatch): tf.Tensor1D;
  dispose(): void;
}

export const allVariables = (model: MultitaskModel) => [...model.shared, ...model.heads];
