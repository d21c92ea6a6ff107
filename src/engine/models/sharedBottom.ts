// Hard parameter sharing: one MLP trunk shared by all tasks, one linear head per task.
import * as tf from '@tensorflow/tfjs';
import { activate, applyDense, createDense, denseVariables, type Activation, type Dense } from './layers.ts';
import type { MultitaskModel } from './model.ts';
import type { Rng } from '../util/random.ts';

export interface SharedBottomOptions {
  inputDim: number;
  hidden: number[];
  numTasks: number;
  activation: Activation;
}

export function createSharedBottom(options: SharedBottomOptions, rng: Rng): MultitaskModel {
  const { inputDim, hidden, numTasks, activation } = options;
  const trunk: Dense[] = hidden.map((width, i) => createDense(rng, i === 0 ? inputDim : hidden[i - 1], width, `trunk${i}`));
  const trunkWidth = hidden[hidden.length - 1];
  // All heads in one [width, numTasks] matrix: one matmul instead of numTasks small ones.
  // Each task still owns exactly its column, so per-task gradients stay separable.
  const heads = createDense(rng, trunkWidth, numTasks, 'heads');

  return {
    numTasks,
    shared: trunk.flatMap(denseVariables),
    heads: denseVariables(heads),
    predict: (x) =>
      tf.tidy(() => {
        let h = x;
        for (const layer of trunk) h = activate(applyDense(layer, h), activation);
        return applyDense(heads, h);
      }),
    dispose: () => {
      for (const layer of [...trunk, heads]) {
        layer.kernel.dispose();
        layer.bias.dispose();
      }
    },
  };
}
