// A small message-passing GNN for CLRS-lite: shared encoder + processor (the trunk), one decoder
// per task (the heads). Reads the dataset fields described in data/clrsLite.ts.
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
import { applyLast, createMessagePassingLayer, graphInputs, type Aggregation, type GraphInputs } from './gnnProcessor.ts';
import { createDense, denseVariables } from './layers.ts';
import type { MultitaskModel } from './model.ts';

export interface GnnOptions {
  tasks: GraphTask[];
  hidden: number;
  layers: number;
  aggregation: Aggregation;
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

export function createGnn(options: GnnOptions, rng: Rng): MultitaskModel {
  const { tasks, hidden, layers, aggregation } = options;
  const encoder = createDense(rng, NODE_FEATURES, hidden);
  const processor = Array.from({ length: layers }, () => createMessagePassingLayer(aggregation, rng, hidden));
  const decoders = tasks.map((task) => createDecoder(rng, task, hidden));

  /** Shared trunk: node states after encoding and every round of message passing, [B, N, H]. */
  const embed = (graph: GraphInputs) => {
    let h = applyLast(encoder, graph.nodes);
    for (const layer of processor) h = layer.apply(h, graph);
    return h;
  };

  /** One scalar per task from (task, decoder output, target, mask), stacked to [numTasks]. */
  const perTask = (batch: TensorBatch, measure: typeof lossOf) =>
    tf.tidy(() => {
      const graph = graphInputs(batch);
      const h = embed(graph);
      const values = tasks.map((task, t) =>
        measure(task, decoders[t].apply(h, graph), batch[targetField(task.name)], batch[maskField(task.name)]),
      );
      return tf.stack(values) as tf.Tensor1D;
    });

  const shared = [...denseVariables(encoder), ...processor.flatMap((layer) => layer.variables)];
  const heads = decoders.flatMap((decoder) => decoder.variables);
  return {
    numTasks: tasks.length,
    shared,
    heads,
    taskLosses: (batch) => perTask(batch, lossOf),
    // Accuracy for binary and pointer tasks, R² for regression tasks.
    scoreName: 'score',
    taskScores: (batch) => perTask(batch, scoreOf),
    dispose: () => tf.dispose([...shared, ...heads]),
  };
}
