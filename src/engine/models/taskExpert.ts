// TaskExpert (Ye & Xu, ICCV 2023), for tabular multitask regression: a shared trunk of dense layers; at
// each layer E experts decompose the trunk's feature into E task-generic features, and a per-sample
// gate for each task assembles that task's feature from them. The multi-task feature memory holds each
// task's feature; the next layer's gate weighs it as one more expert (so later layers see earlier task
// features), and the memory is updated to the new task feature. Towers read the last task features.
import * as tf from '@tensorflow/tfjs';
import { runAnswered } from '../hostReads.ts';
import type { TaskExpertSpec } from '../../protocol/index.ts';
import { allTasks, readActivity, type HealthModel } from '../health/healthModel.ts';
import { applyDense, createDense, denseVariables, variableFrom, type Dense } from './layers.ts';
import type { MultitaskModel } from './model.ts';
import { createExpertBank, expertVariables, runExperts, runExpertsWithHidden, type ExpertBank } from './moe/experts.ts';
import { perTaskMse, perTaskR2 } from '../train/losses.ts';
import { normalArray, type Rng } from '../util/random.ts';

export interface TaskExpertOptions extends Omit<TaskExpertSpec, 'kind'> {
  inputDim: number;
  numTasks: number;
}

interface Layer {
  trunk: Dense;
  experts: ExpertBank;
  /** [T, width, E + 1]: the last column weighs the task's memory. */
  gates: tf.Variable;
}

export function createTaskExpert(options: TaskExpertOptions, rng: Rng): MultitaskModel & HealthModel {
  const { numTasks: t, numExperts: e, width: w, activation } = options;
  const layers: Layer[] = Array.from({ length: options.numLayers }, (_, l) => ({
    trunk: createDense(rng, l === 0 ? options.inputDim : w, w),
    experts: createExpertBank(
      {
        numExperts: e,
        inputDim: w,
        hiddenDim: options.expertHidden,
        outputDim: w,
        activation,
        depth: options.expertDepth,
      },
      rng,
    ),
    gates: variableFrom(tf.tensor3d(normalArray(rng, t * w * (e + 1), 0.02), [t, w, e + 1])),
  }));
  const towers = createExpertBank(
    { numExperts: t, inputDim: w, hiddenDim: options.towerHidden, outputDim: 1, activation, depth: options.towerDepth },
    rng,
  );

  const forward = (x: tf.Tensor2D) =>
    tf.tidy(() => {
      const n = x.shape[0];
      let h = x;
      let memory: tf.Tensor3D | undefined; // [T, N, w]
      let last!: { hidden: tf.Tensor3D; outputs: tf.Tensor3D; weights: tf.Tensor3D };
      for (const layer of layers) {
        h = applyDense(layer.trunk, h, activation);
        const { hidden, out } = runExpertsWithHidden(
          layer.experts,
          tf.broadcastTo(tf.expandDims(h, 0), [e, n, w]) as tf.Tensor3D,
        ); // [E, N, w]
        const logits = tf.matMul(tf.broadcastTo(tf.expandDims(h, 0), [t, n, w]), layer.gates as tf.Tensor3D); // [T, N, E+1]
        // Without memory (or at the first layer) the memory slot is masked out of the softmax.
        const useMemory = options.memory && memory !== undefined;
        const weights = tf.softmax(
          useMemory ? logits : tf.add(logits, tf.concat([tf.zeros([1, 1, e]), tf.fill([1, 1, 1], -1e9)], 2)),
        ) as tf.Tensor3D;
        const expertWeights = tf.slice(weights, [0, 0, 0], [t, n, e]);
        let taskFeature = tf.transpose(
          tf.matMul(tf.transpose(expertWeights, [1, 0, 2]), tf.transpose(out, [1, 0, 2])),
          [1, 0, 2],
        ) as tf.Tensor3D; // [T, N, w]
        if (useMemory)
          taskFeature = tf.add(taskFeature, tf.mul(tf.slice(weights, [0, 0, e], [t, n, 1]), memory!)) as tf.Tensor3D;
        memory = taskFeature;
        last = { hidden, outputs: out, weights };
      }
      const predictions = tf.transpose(tf.reshape(runExperts(towers, memory!), [t, n])) as tf.Tensor2D;
      return { predictions, ...last, memory: memory! };
    });
  const variables = [
    ...layers.flatMap((l) => [...denseVariables(l.trunk), ...expertVariables(l.experts), l.gates]),
    ...expertVariables(towers),
  ];

  return {
    numTasks: t,
    shared: layers.flatMap((l) => [...denseVariables(l.trunk), ...expertVariables(l.experts)]),
    heads: [...layers.map((l) => l.gates), ...expertVariables(towers)],
    taskLosses: (batch) =>
      tf.tidy(() =>
        perTaskMse(
          forward(batch.x as tf.Tensor2D).predictions,
          batch.y as tf.Tensor2D,
          batch.mask as tf.Tensor2D | undefined,
        ),
      ),
    scoreName: 'R²',
    taskScores: (batch) =>
      tf.tidy(() =>
        perTaskR2(
          forward(batch.x as tf.Tensor2D).predictions,
          batch.y as tf.Tensor2D,
          batch.mask as tf.Tensor2D | undefined,
        ),
      ),
    /** The last layer: its E shared experts, then each task's memory slot (a specific "expert" with no hidden layer). */
    expertActivity: async (batch) => {
      const tensors = await runAnswered(() =>
        tf.tidy(() => {
          const { hidden, outputs, weights, memory } = forward(batch.x as tf.Tensor2D);
          const n = hidden.shape[1];
          // Memory slots have no hidden layer: they count as never zero. Gate weight on slot τ comes only from task τ.
          const slotHidden = tf.ones([t, n, hidden.shape[2]]);
          const slotWeights = tf.mul(tf.slice(weights, [0, 0, e], [t, n, 1]), tf.reshape(tf.eye(t), [t, 1, t]));
          return {
            hidden: tf.concat([hidden, slotHidden], 0),
            outputs: tf.concat([outputs, memory], 0),
            gateWeights: tf.concat([tf.slice(weights, [0, 0, 0], [t, n, e]), slotWeights], 2),
          };
        }),
      );
      const names = [
        ...Array.from({ length: e }, (_, i) => `e${i}`),
        ...Array.from({ length: t }, (_, i) => `task${i} memory`),
      ];
      const owners = [...Array.from({ length: e }, () => allTasks(t)), ...allTasks(t).map((task) => [task])];
      return [await readActivity({ name: `layer ${layers.length}`, expertNames: names, owners }, tensors)];
    },
    dispose: () => tf.dispose(variables),
  };
}
