// Per-task gradients of a multitask model on one batch, and temporary perturbation of its
// variables: the primitives shared by lookahead (TAG), gradient cosine and Grad-TAG. Routed models
// read their expert choices on the host in every forward; on WebGPU those reads are answered
// asynchronously before each pass (`forwardReads`, hostReads.ts), so the callers are async.
import * as tf from '@tensorflow/tfjs';
import { readsOf, withAnsweredReads, type HostReads } from '../hostReads.ts';
import type { MultitaskModel } from '../models/model.ts';
import type { TensorBatch } from '../train/batches.ts';

/** The host reads of the model's forward on `batch` at its current parameters (null where none are needed). */
export const forwardReads = (model: MultitaskModel, batch: TensorBatch): Promise<HostReads | null> =>
  readsOf(model, () => model.taskLosses(batch));

/**
 * `model` with every forward answered from `reads` (one forward's worth each time): for several
 * passes, e.g. one backward pass per task, on the batch and parameters the reads were answered at.
 */
export function replaying(model: MultitaskModel, reads: HostReads | null): MultitaskModel {
  if (!reads) return model;
  return { ...model, taskLosses: (batch) => withAnsweredReads(reads, () => model.taskLosses(batch)) };
}

/** Loss of one task on a batch, as a scalar (differentiable). */
export function taskLoss(model: MultitaskModel, batch: TensorBatch, task: number): tf.Scalar {
  return tf.tidy(() => tf.squeeze(tf.slice(model.taskLosses(batch), [task], [1])) as tf.Scalar);
}

/**
 * ∇_vars L_i(batch) for every task i: result[i][k] is the gradient of task i's loss w.r.t.
 * variables[k]. One backward pass per task (tfjs has no persistent tape). Caller disposes.
 */
export function taskGradients(model: MultitaskModel, batch: TensorBatch, variables: tf.Variable[]): tf.Tensor[][] {
  const result: tf.Tensor[][] = [];
  for (let i = 0; i < model.numTasks; i++) {
    const { value, grads } = tf.variableGrads(() => taskLoss(model, batch, i), variables);
    value.dispose();
    // A variable the loss does not touch gets no entry; use zeros so every row has every variable.
    result.push(variables.map((v) => grads[v.name] ?? tf.zerosLike(v)));
  }
  return result;
}

/** Concatenates tensors into one flat vector [Σ sizes]. */
export function flatten(tensors: tf.Tensor[]): tf.Tensor1D {
  return tf.tidy(() => tf.concat(tensors.map((t) => tf.reshape(t, [-1]))) as tf.Tensor1D);
}

/** Splits a flat vector back into tensors shaped like `variables`. */
export function unflatten(flat: tf.Tensor1D, variables: tf.Variable[]): tf.Tensor[] {
  return tf.tidy(() => {
    const parts = tf.split(
      flat,
      variables.map((v) => v.size),
    );
    return parts.map((part, k) => tf.reshape(part, variables[k].shape));
  });
}

/** Copies of the variables' current values (caller disposes). */
export function snapshotValues(variables: tf.Variable[]): tf.Tensor[] {
  return variables.map((v) => tf.clone(v));
}

export function assignValues(variables: tf.Variable[], values: tf.Tensor[]): void {
  variables.forEach((v, k) => v.assign(values[k]));
}

/**
 * The model's task losses on `batch` with `variables` temporarily set to base + delta (base restored
 * after); the forward's host reads are answered at those parameters. Caller disposes.
 */
export async function lossesWithOffset(
  model: MultitaskModel,
  variables: tf.Variable[],
  base: tf.Tensor[],
  delta: tf.Tensor[],
  batch: TensorBatch,
): Promise<tf.Tensor1D> {
  tf.tidy(() => variables.forEach((v, k) => v.assign(tf.add(base[k], delta[k]))));
  try {
    const reads = await forwardReads(model, batch);
    return withAnsweredReads(reads, () => tf.tidy(() => model.taskLosses(batch)));
  } finally {
    assignValues(variables, base);
  }
}
