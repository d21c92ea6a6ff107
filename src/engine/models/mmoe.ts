// Multi-gate Mixture-of-Experts (Ma et al., KDD 2018): E experts shared by all tasks, one softmax
// gate per task over them, one small tower per task. Regression on the dataset's `x` → `y`.
import * as tf from '@tensorflow/tfjs';
import { runAnswered } from '../hostReads.ts';
import type { Activation } from './layers.ts';
import { variableFrom } from './layers.ts';
import type { MultitaskModel } from './model.ts';
import { createExpertBank, expertVariables, runAllExperts, runExperts, runExpertsWithHidden } from './moe/experts.ts';
import { allTasks, readActivity, type HealthModel } from '../health/healthModel.ts';
import { applyTaskGates, type TaskGateOptions } from './moe/taskGates.ts';
import { perTaskMse, perTaskR2 } from '../train/losses.ts';
import type { TensorBatch } from '../train/batches.ts';
import { normalArray, type Rng } from '../util/random.ts';

export interface MmoeOptions extends TaskGateOptions {
  inputDim: number;
  numTasks: number;
  numExperts: number;
  expertHidden: number;
  expertOutput: number;
  towerHidden: number;
  expertDepth?: number;
  towerDepth?: number;
  activation: Activation;
}

/** A multitask model whose gates can be inspected: per task, per sample, per expert. */
export interface GatedMultitaskModel extends MultitaskModel {
  /** [tasks, N, experts] gate weights on a batch (for task × expert usage heatmaps). */
  gateWeights(batch: TensorBatch): tf.Tensor3D;
}

export function createMmoe(options: MmoeOptions, rng: Rng): GatedMultitaskModel & HealthModel {
  const { inputDim, numTasks: t, numExperts: e, expertOutput, activation } = options;
  const experts = createExpertBank(
    {
      numExperts: e,
      inputDim,
      hiddenDim: options.expertHidden,
      outputDim: expertOutput,
      activation,
      depth: options.expertDepth,
    },
    rng,
  );
  // All task gates in one [in, T·E] matrix; a small init starts every gate near uniform.
  const gates = variableFrom(tf.tensor2d(normalArray(rng, inputDim * t * e, 0.02), [inputDim, t * e]));
  const towers = createExpertBank(
    {
      numExperts: t,
      inputDim: expertOutput,
      hiddenDim: options.towerHidden,
      outputDim: 1,
      activation,
      depth: options.towerDepth,
    },
    rng,
  );

  /** Predictions [N, T], gate weights [T, N, E] and the gates' aux loss. */
  const forward = (x: tf.Tensor2D) => {
    const n = x.shape[0];
    const logits = tf.tidy(
      () => tf.transpose(tf.reshape(tf.matMul(x, gates as tf.Tensor2D), [n, t, e]), [1, 0, 2]) as tf.Tensor3D,
    );
    const gated = applyTaskGates(logits, options);
    logits.dispose();
    const predictions = tf.tidy(() => {
      const outputs = tf.transpose(runAllExperts(experts, x), [1, 0, 2]); // [N, E, o]
      const mixed = tf.matMul(tf.transpose(gated.weights, [1, 0, 2]), outputs); // [N, T, o]
      const towerOut = runExperts(towers, tf.transpose(mixed, [1, 0, 2]) as tf.Tensor3D); // [T, N, 1]
      return tf.transpose(tf.reshape(towerOut, [t, n])) as tf.Tensor2D;
    });
    return { predictions, ...gated };
  };
  const lossesWithAux = (batch: TensorBatch) => {
    const { predictions, weights, aux } = forward(batch.x as tf.Tensor2D);
    const taskLosses = perTaskMse(predictions, batch.y as tf.Tensor2D, batch.mask as tf.Tensor2D | undefined);
    tf.dispose([predictions, weights]);
    return { taskLosses, auxLoss: aux };
  };

  return {
    numTasks: t,
    shared: expertVariables(experts),
    heads: [gates, ...expertVariables(towers)],
    taskLosses: (batch) => tf.tidy(() => lossesWithAux(batch).taskLosses),
    lossesWithAux,
    scoreName: 'R²',
    taskScores: (batch) =>
      tf.tidy(() => {
        const { predictions } = forward(batch.x as tf.Tensor2D);
        return perTaskR2(predictions, batch.y as tf.Tensor2D, batch.mask as tf.Tensor2D | undefined);
      }),
    gateWeights: (batch) => tf.tidy(() => forward(batch.x as tf.Tensor2D).weights),
    expertActivity: async (batch) => {
      const x = batch.x as tf.Tensor2D;
      const tensors = await runAnswered(() =>
        tf.tidy(() => {
          const { hidden, out } = runExpertsWithHidden(
            experts,
            tf.broadcastTo(tf.expandDims(x, 0), [e, ...x.shape]) as tf.Tensor3D,
          );
          return { hidden, outputs: out, gateWeights: forward(x).weights };
        }),
      );
      const names = Array.from({ length: e }, (_, i) => `e${i}`);
      return [
        await readActivity({ name: 'experts', expertNames: names, owners: names.map(() => allTasks(t)) }, tensors),
      ];
    },
    dispose: () => tf.dispose([gates, ...expertVariables(experts), ...expertVariables(towers)]),
  };
}
