// Per-task gradients of a multitask model on one batch, and temporary perturbation of its
// variables: the primitives shared by lookahead (TAG), gradient cosine and Grad-TAG.
import * as tf from '@tensorflow/tfjs';
import type { MultitaskModel } from '../models/model.ts';
import type { TensorBatch } from '../train/batches.ts';

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
 * Runs `evaluate` with `variables` temporarily set to base + delta, then restores base.
 * `base` must be a snapshot of the current values.
 */
export function withOffset<T>(variables: tf.Variable[], base: tf.Tensor[], delta: tf.Tensor[], evaluate: () => T): T {
  tf.tidy(() => variables.forEach((v, k) => v.assign(tf.add(base[k], delta[k]))));
  try {
    return evaluate();
  } finally {
    assignValues(variables, base);
  }
}
