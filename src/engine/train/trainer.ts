// One optimisation step of a multitask model: the importable loop body that the run loop,
// tests and benchmarks share. Applies the spec's learning-rate schedule, gradient clipping and
// decoupled weight decay around the optimiser's own update.
import * as tf from '@tensorflow/tfjs';
import type { ExperimentSpec } from '../../protocol/index.ts';
import { allVariables, type MultitaskModel, type TrainStepOptions } from '../models/model.ts';
import { answerReads, needsAnsweredReads, withAnsweredReads, type HostReads } from '../hostReads.ts';
import type { TensorBatch } from './batches.ts';
import { clipFlat, createFlatAdam } from './flatAdam.ts';
import { createOptimizer, setLearningRate } from './optimizer.ts';
import { learningRateAt } from './schedule.ts';

export interface Trainer {
  /**
   * Where the backend cannot read synchronously (WebGPU): the host reads that the step's forward
   * makes (routing choices), answered asynchronously in advance; null elsewhere. Pass them to `step`.
   */
  answerReads(batch: TensorBatch, options?: TrainStepOptions): Promise<HostReads | null>;
  /** Trains on one batch; returns the per-task losses before the update (caller disposes). */
  step(batch: TensorBatch, options?: TrainStepOptions, reads?: HostReads | null): tf.Tensor1D;
  /** The auxiliary loss of the latest step (models with `lossesWithAux`), owned by the trainer. */
  lastAuxLoss(): tf.Scalar | null;
  dispose(): void;
}

/** Scales all gradients together so their global L2 norm is at most `maxNorm` (no read-back). */
function clipByGlobalNorm(grads: tf.NamedTensorMap, maxNorm: number): tf.NamedTensorMap {
  return tf.tidy(() => {
    const names = Object.keys(grads);
    const clipped = tf.split(
      clipFlat(tf.concat(names.map((n) => tf.reshape(grads[n], [-1]))), maxNorm),
      names.map((n) => grads[n].size),
    );
    return Object.fromEntries(names.map((n, i) => [n, tf.reshape(clipped[i], grads[n].shape)]));
  });
}

export function createTrainer(model: MultitaskModel, training: ExperimentSpec['training']): Trainer {
  const variables = allVariables(model);
  // Adam (the default) updates all variables in one flat pass; SGD and momentum use tfjs's optimisers.
  const flatAdam = training.optimizer === 'adam' ? createFlatAdam(variables) : null;
  const optimizer = flatAdam ? null : createOptimizer(training);
  let auxLoss: tf.Scalar | null = null;
  let stepIndex = 0;
  let currentRate = training.learningRate;
  let readsToHost = true;
  const forward = (batch: TensorBatch, options?: TrainStepOptions) =>
    model.lossesWithAux ? model.lossesWithAux(batch, options) : model.taskLosses(batch);
  return {
    async answerReads(batch, options) {
      if (!readsToHost || !needsAnsweredReads()) return null;
      const reads = await answerReads(() => forward(batch, options));
      // A model whose forward made no host reads once never makes any: skip the extra pass from now on.
      readsToHost = reads.length > 0;
      return reads;
    },
    step(batch, options, reads) {
      let taskLosses: tf.Tensor1D | undefined;
      auxLoss?.dispose();
      auxLoss = null;
      const rate = learningRateAt(training, stepIndex++);
      if (optimizer && rate !== currentRate) setLearningRate(optimizer, (currentRate = rate));
      // Joint training minimises the sum of task losses (equal task weights), plus the model's
      // auxiliary loss when it has one.
      const { value, grads } = withAnsweredReads(reads ?? null, () =>
        tf.variableGrads(() => {
          if (!model.lossesWithAux) {
            const losses = model.taskLosses(batch);
            taskLosses = tf.keep(losses);
            return tf.sum(losses) as tf.Scalar;
          }
          const both = model.lossesWithAux(batch, options);
          taskLosses = tf.keep(both.taskLosses);
          auxLoss = tf.keep(both.auxLoss);
          return tf.add(tf.sum(both.taskLosses), both.auxLoss) as tf.Scalar;
        }, variables),
      );
      value.dispose();
      const clip = training.gradClipNorm ?? 0;
      const decay = training.weightDecay ?? 0;
      if (flatAdam) {
        flatAdam.step(grads, { learningRate: rate, clipNorm: clip, keep: decay > 0 ? 1 - rate * decay : 1 });
        tf.dispose(Object.values(grads));
        return taskLosses!;
      }
      const applied = clip > 0 ? clipByGlobalNorm(grads, clip) : grads;
      optimizer!.applyGradients(applied);
      tf.dispose(Object.values(grads));
      if (applied !== grads) tf.dispose(Object.values(applied));
      if (decay > 0) {
        const keep = 1 - rate * decay;
        tf.tidy(() => variables.forEach((v) => v.assign(tf.mul(v, keep))));
      }
      return taskLosses!;
    },
    lastAuxLoss: () => auxLoss,
    dispose: () => {
      auxLoss?.dispose();
      optimizer?.dispose();
      flatAdam?.dispose();
    },
  };
}
