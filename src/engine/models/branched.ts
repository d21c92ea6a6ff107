// Branched (tree-structured) multitask network (ALGORITHMS Part 1 §5.1): at depth ℓ the tasks
// are partitioned into groups, each group owns one dense block fed by its parent group's block,
// and every root-to-leaf path ends in the per-task heads of the leaf group's tasks.
// All-shared and fully independent networks are the two extreme trees.
import * as tf from '@tensorflow/tfjs';
import { applyDense, createDense, denseVariables, type Activation, type Dense } from './layers.ts';
import type { MultitaskModel } from './model.ts';
import { perTaskMse, perTaskR2 } from '../train/losses.ts';
import type { Rng } from '../util/random.ts';

export interface BranchedOptions {
  inputDim: number;
  numTasks: number;
  /** layers[ℓ][g] = tasks of group g at depth ℓ; each layer refines the one before. */
  layers: number[][][];
  width: number;
  activation: Activation;
}

export interface BranchedNetwork extends MultitaskModel {
  layers: number[][][];
  /** blocks[ℓ][g]: the dense block of group g at depth ℓ. */
  blocks: Dense[][];
  /** parents[ℓ][g]: the group at depth ℓ-1 that feeds group g (-1 at depth 0). */
  parents: number[][];
}

/** Parameters of the tree without building it: blocks, plus a (width + 1)-parameter head per task. */
export function branchedParamCount(inputDim: number, numTasks: number, layers: number[][][], width: number): number {
  const blocks = layers.reduce(
    (sum, groups, l) => sum + groups.length * ((l === 0 ? inputDim : width) * width + width),
    0,
  );
  return blocks + numTasks * (width + 1);
}

export function createBranchedNetwork(options: BranchedOptions, rng: Rng): BranchedNetwork {
  const { inputDim, numTasks, layers, width, activation } = options;
  const covered = layers[0].flat().length;
  if (covered !== numTasks) {
    throw new Error(`the branched model's tree covers ${covered} tasks but the dataset has ${numTasks}`);
  }
  const parents = layers.map((groups, l) =>
    groups.map((group) => (l === 0 ? -1 : layers[l - 1].findIndex((parent) => parent.includes(group[0])))),
  );
  const blocks = layers.map((groups, l) => groups.map(() => createDense(rng, l === 0 ? inputDim : width, width)));
  const leaves = layers[layers.length - 1];
  // One [width, |leaf|] head matrix per leaf group: column c is the head of task leaves[g][c].
  const heads = leaves.map((group) => createDense(rng, width, group.length));
  // Leaf outputs are concatenated in leaf order; this gathers them back into task order.
  // A 0/1 permutation matrix, not tf.gather: gather's gradient needs UnsortedSegmentSum, which the
  // wasm backend lacks. Each output picks exactly one column (x·1 + 0·…), so the values are exact.
  const leafOrder = leaves.flat();
  const inOrder = leafOrder.every((task, column) => task === column);
  const permutation = new Float32Array(numTasks * numTasks);
  leafOrder.forEach((task, column) => (permutation[column * numTasks + task] = 1));

  const predict = (x: tf.Tensor2D) =>
    tf.tidy(() => {
      let previous: tf.Tensor2D[] = [x];
      for (let l = 0; l < layers.length; l++) {
        previous = blocks[l].map((block, g) => applyDense(block, previous[Math.max(0, parents[l][g])], activation));
      }
      const outputs = heads.map((head, g) => applyDense(head, previous[g]));
      const stacked = outputs.length === 1 ? outputs[0] : tf.concat(outputs, 1);
      return (inOrder ? stacked : tf.matMul(stacked, tf.tensor2d(permutation, [numTasks, numTasks]))) as tf.Tensor2D;
    });

  const shared = blocks.flat().flatMap(denseVariables);
  const headVariables = heads.flatMap(denseVariables);
  return {
    numTasks,
    layers,
    blocks,
    parents,
    shared,
    heads: headVariables,
    taskLosses: (batch) => tf.tidy(() => perTaskMse(predict(batch.x as tf.Tensor2D), batch.y as tf.Tensor2D)),
    scoreName: 'R²',
    taskScores: (batch) => tf.tidy(() => perTaskR2(predict(batch.x as tf.Tensor2D), batch.y as tf.Tensor2D)),
    dispose: () => tf.dispose([...shared, ...headVariables]),
  };
}
