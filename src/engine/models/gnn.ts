// A small message-passing GNN for CLRS-lite: encoder + processor (the trunk), one decoder per task
// (the heads). Reads the dataset fields described in data/clrsLite.ts. With a `tree`, the processor
// is branched over its rounds as AutoBRANE does (ALGORITHMS Part 1 §5.1): at round ℓ each group of
// tasks owns its message-passing layer, fed by its parent group's node states; each round-0 group
// owns its encoder too, so singleton groups at round 0 are fully independent GNNs.
import * as tf from '@tensorflow/tfjs';
import type { GraphTask } from '../data/clrsTasks.ts';
import { maskField, NODE_FEATURES, targetField } from '../data/clrsLite.ts';
import type { TensorBatch } from '../train/batches.ts';
import {
  maskedBinaryAccuracy,
  maskedBinaryCrossEntropy,
  maskedMse,
  maskedPointerAccuracy,
  maskedR2,
  maskedSoftmaxCrossEntropy,
} from '../train/maskedLosses.ts';
import type { Rng } from '../util/random.ts';
import { createEdgeDecoder, createNodeDecoder, createPointerDecoder, type Decoder } from './gnnDecoders.ts';
import {
  applyLast,
  createMessagePassingLayer,
  graphInputs,
  type Aggregation,
  type GraphInputs,
  type MessagePassingLayer,
} from './gnnProcessor.ts';
import { createDense, denseVariables } from './layers.ts';
import type { MultitaskModel } from './model.ts';

export interface GnnOptions {
  tasks: GraphTask[];
  hidden: number;
  layers: number;
  aggregation: Aggregation;
  /** tree[ℓ][g] = tasks of group g at processor round ℓ (length `layers`); absent = all shared. */
  tree?: number[][][];
}

export interface GnnModel extends MultitaskModel {
  tree: number[][][];
  /** blocks[ℓ][g]: the message-passing layer of group g at round ℓ. */
  blocks: MessagePassingLayer[][];
}

/** parents[ℓ][g] = the group at round ℓ−1 that group g refines (−1 at round 0); checks the tree. */
function treeParents(tree: number[][][], numTasks: number): number[][] {
  tree.forEach((groups, l) => {
    const covered = groups.flat().sort((a, b) => a - b);
    if (covered.length !== numTasks || covered.some((t, i) => t !== i)) {
      throw new Error(
        `the GNN's tree must cover tasks 0..${numTasks - 1} exactly once at every round (round ${l} does not)`,
      );
    }
  });
  return tree.map((groups, l) =>
    groups.map((group) => {
      if (l === 0) return -1;
      const parent = tree[l - 1].findIndex((p) => p.includes(group[0]));
      if (group.some((t) => !tree[l - 1][parent].includes(t)))
        throw new Error(
          `the GNN's tree: round ${l} group [${group.join(',')}] is not inside one group of round ${l - 1}`,
        );
      return parent;
    }),
  );
}

function createDecoder(rng: Rng, task: GraphTask, hidden: number): Decoder {
  if (task.level === 'edge') return createEdgeDecoder(rng, hidden);
  if (task.output === 'pointer') return createPointerDecoder(rng, hidden);
  return createNodeDecoder(rng, hidden);
}

function lossOf(task: GraphTask, output: tf.Tensor, target: tf.Tensor, mask: tf.Tensor): tf.Scalar {
  switch (task.output) {
    case 'binary':
      return maskedBinaryCrossEntropy(output, target, mask);
    case 'regression':
      return maskedMse(output, target, mask);
    case 'pointer':
      return maskedSoftmaxCrossEntropy(output, target, mask);
  }
}

function scoreOf(task: GraphTask, output: tf.Tensor, target: tf.Tensor, mask: tf.Tensor): tf.Scalar {
  switch (task.output) {
    case 'binary':
      return maskedBinaryAccuracy(output, target, mask);
    case 'regression':
      return maskedR2(output, target, mask);
    case 'pointer':
      return maskedPointerAccuracy(output, target, mask);
  }
}

export function createGnn(options: GnnOptions, rng: Rng): GnnModel {
  const { tasks, hidden, layers, aggregation } = options;
  const all = tasks.map((_, t) => t);
  const tree = options.tree ?? Array.from({ length: layers }, () => [all]);
  if (tree.length !== layers)
    throw new Error(`the GNN's tree has ${tree.length} rounds but the model has ${layers} layers`);
  const parents = treeParents(tree, tasks.length);
  // Creation order (encoders, rounds, decoders) keeps an all-shared tree's weights as before.
  const encoders = tree[0].map(() => createDense(rng, NODE_FEATURES, hidden));
  const blocks = tree.map((groups) => groups.map(() => createMessagePassingLayer(aggregation, rng, hidden)));
  const decoders = tasks.map((task) => createDecoder(rng, task, hidden));
  const leaves = tree[tree.length - 1];
  const leafOf = all.map((t) => leaves.findIndex((group) => group.includes(t)));

  /** Node states of every leaf group after encoding and every round of message passing, [B, N, H] each. */
  const embed = (graph: GraphInputs) => {
    let states = encoders.map((encoder) => applyLast(encoder, graph.nodes));
    tree.forEach((groups, l) => {
      states = groups.map((_, g) => blocks[l][g].apply(states[l === 0 ? g : parents[l][g]], graph));
    });
    return states;
  };

  /** One scalar per task from (task, decoder output, target, mask), stacked to [numTasks]. */
  const perTask = (batch: TensorBatch, measure: typeof lossOf) =>
    tf.tidy(() => {
      const graph = graphInputs(batch);
      const states = embed(graph);
      const values = tasks.map((task, t) =>
        measure(
          task,
          decoders[t].apply(states[leafOf[t]], graph),
          batch[targetField(task.name)],
          batch[maskField(task.name)],
        ),
      );
      return tf.stack(values) as tf.Tensor1D;
    });

  const shared = [...encoders.flatMap(denseVariables), ...blocks.flat().flatMap((layer) => layer.variables)];
  const heads = decoders.flatMap((decoder) => decoder.variables);
  return {
    numTasks: tasks.length,
    tree,
    blocks,
    shared,
    heads,
    taskLosses: (batch) => perTask(batch, lossOf),
    // Accuracy for binary and pointer tasks, R² for regression tasks.
    scoreName: 'score',
    taskScores: (batch) => perTask(batch, scoreOf),
    dispose: () => tf.dispose([...shared, ...heads]),
  };
}
