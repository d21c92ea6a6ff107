// Hard parameter sharing: one MLP trunk shared by all tasks, one linear head per task,
// regression on the dataset's `x` → `y` fields.
import * as tf from '@tensorflow/tfjs';
import { applyDense, createDense, denseVariables, type Activation, type Dense } from './layers.ts';
import type { MultitaskModel } from './model.ts';
import { perTaskMse, perTaskR2 } from '../train/losses.ts';
import type { Rng } from '../util/random.ts';

export interface SharedBottomOptions {
  inputDim: number;
  hidden: number[];
  numTasks: number;
  activation: Activation;
}

export function createSharedBottom(options: SharedBottomOptions, rng: Rng): MultitaskModel {
  const { inputDim, hidden, numTasks, activation } = options;
  const trunk: Dense[] = hidden.map((width, i) => createDense(rng, i === 0 ? inputDim : hidden[i - 1], width));
  // All heads in one [width, numTasks] matrix: one matmul instead of numTasks small ones.
  // Each task still owns exactly its column, so per-task gradients stay separable.
  const heads = createDense(rng, hidden[hidden.length - 1], numTasks);

  const predict = (x: tf.Tensor2D) =>
    tf.tidy(() => {
      let h = x;
      for (const layer of trunk) h = applyDense(layer, h, activation);
      return applyDense(heads, h);
    });

  return {
    numTasks,
    shared: trunk.flatMap(denseVariables),
    heads: denseVariables(heads),
    // `mask` (optional) marks which targets a row has: user tables with gaps or in long format.
    taskLosses: (batch) =>
      perTaskMse(predict(batch.x as tf.Tensor2D), batch.y as tf.Tensor2D, batch.mask as tf.Tensor2D | undefined),
    scoreName: 'R²',
    taskScores: (batch) =>
      tf.tidy(() =>
        perTaskR2(predict(batch.x as tf.Tensor2D), batch.y as tf.Tensor2D, batch.mask as tf.Tensor2D | undefined),
      ),
    dispose: () => tf.dispose([...trunk, heads].flatMap(denseVariables)),
  };
}
