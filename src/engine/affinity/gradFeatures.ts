// Grad-TAG step 2 (ALGORITHMS.md Part 1 §3.2): per-sample gradients at the meta-initialisation,
// projected to d dimensions, reduced to per-task sufficient statistics of the linearised model.
//
// The engine's models expose per-task losses, not raw outputs, so the output gradient is
// recovered from the loss: for a squared error ℓ = (f − y)², ∇ℓ = 2(f − y)∇f, hence
// φ = Pᵀ∇ℓ / (2√ℓ) = ±Pᵀ∇f and the linearised loss ℓ(θ* + Pw) ≈ (√ℓ + ⟨φ, w⟩)² is exactly the
// output linearisation of the paper. For other losses (cross-entropy, losses summed over graph
// nodes) the same formula is a Gauss–Newton-style square-root linearisation of the loss.
import * as tf from '@tensorflow/tfjs';
import { allVariables, type MultitaskModel } from '../models/model.ts';
import { gatherBatch, type DeviceData } from '../train/batches.ts';
import { forwardReads, replaying, taskLoss } from './taskGradients.ts';

/** Samples whose loss is below this give a zero feature (their gradient carries no direction). */
const MIN_ROOT_LOSS = 1e-6;
/** Per-sample gradients are projected in chunks of this many samples. */
const CHUNK = 32;

/** Per task: Gram = Σ φφᵀ, linear = Σ φ·√ℓ, constant = Σ ℓ, over `count` samples. */
export interface TaskStatistics {
  gram: Float64Array;
  linear: Float64Array;
  constant: number;
  count: number;
}

/** Flat gradient of one task's loss on one sample w.r.t. all variables, and that loss. */
function sampleGradient(
  model: MultitaskModel,
  batch: Record<string, tf.Tensor>,
  task: number,
  variables: tf.Variable[],
) {
  return tf.tidy(() => {
    const { value, grads } = tf.variableGrads(() => taskLoss(model, batch, task), variables);
    const flat = tf.concat(variables.map((v) => tf.reshape(grads[v.name] ?? tf.zerosLike(v), [-1])));
    return { flat, loss: value };
  });
}

/**
 * Collects the statistics of every task over the training samples `rows`, at the model's current
 * parameters, with projection `projection` [p, d]. Costs rows.length · numTasks backward passes.
 */
export async function collectTaskStatistics(
  model: MultitaskModel,
  data: DeviceData,
  rows: Int32Array,
  projection: tf.Tensor2D,
  /** Called after each chunk with the per-sample gradients done (of rows.length · numTasks). */
  onProgress?: (done: number) => void,
): Promise<TaskStatistics[]> {
  const variables = allVariables(model);
  const d = projection.shape[1];
  const sums = Array.from({ length: model.numTasks }, () => ({
    gram: tf.zeros([d, d]),
    linear: tf.zeros([d]),
    constant: tf.scalar(0) as tf.Tensor,
  }));
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    const batches = Array.from(chunk, (row) => gatherBatch(data, Int32Array.of(row)));
    // A routed model's host reads, answered once per sample (WebGPU); every task's pass shares them.
    const models: MultitaskModel[] = [];
    for (const batch of batches) models.push(replaying(model, await forwardReads(model, batch)));
    for (let task = 0; task < model.numTasks; task++) {
      const parts = batches.map((batch, b) => sampleGradient(models[b], batch, task, variables));
      const next = tf.tidy(() => {
        const grads = tf.stack(parts.map((p) => p.flat)) as tf.Tensor2D; // [c, p]
        const losses = tf.stack(parts.map((p) => p.loss)) as tf.Tensor1D; // [c]
        const root = tf.sqrt(losses);
        const scale = tf.where(
          tf.greater(root, MIN_ROOT_LOSS),
          tf.div(0.5, tf.maximum(root, MIN_ROOT_LOSS)),
          tf.zerosLike(root),
        );
        const features = tf.mul(tf.matMul(grads, projection), tf.expandDims(scale, 1)) as tf.Tensor2D; // [c, d]
        const s = sums[task];
        return {
          gram: tf.add(s.gram, tf.matMul(features, features, true, false)),
          linear: tf.add(s.linear, tf.squeeze(tf.matMul(features, tf.expandDims(root, 1), true, false), [1])),
          constant: tf.add(s.constant, tf.sum(losses)),
        };
      });
      tf.dispose([sums[task].gram, sums[task].linear, sums[task].constant]);
      sums[task] = next;
      tf.dispose(parts.flatMap((p) => [p.flat, p.loss]));
      onProgress?.(start * model.numTasks + chunk.length * (task + 1));
    }
    batches.forEach((batch) => tf.dispose(Object.values(batch)));
  }
  const stats: TaskStatistics[] = [];
  for (const s of sums) {
    stats.push({
      gram: Float64Array.from((await s.gram.data()) as Float32Array),
      linear: Float64Array.from((await s.linear.data()) as Float32Array),
      constant: (await s.constant.data())[0],
      count: rows.length,
    });
    tf.dispose([s.gram, s.linear, s.constant]);
  }
  return stats;
}
