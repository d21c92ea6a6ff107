// CLRS-lite: seeded random graphs and classical-algorithm tasks on them, as one padded Dataset.
//
// Fields, per graph, with N = the largest node count (smaller graphs are zero-padded):
//   nodes   [N, 3]  [is a real node, is the source, position v / N]  (position lets pointers name nodes)
//   adj     [N, N]  symmetric 0/1 adjacency of the undirected graph
//   weights [N, N]  symmetric edge weights in [0.1, 1], 0 off edges
//   dag     [N, N]  dag[u, v] = 1 for the arc u → v of the DAG orientation
//   `${task}/target`, `${task}/mask`  per task, shapes from clrsTasks.ts (mask 0 on padding and non-edges)
import type { ClrsTaskName } from '../../protocol/index.ts';
import type { Dataset, Field } from './dataset.ts';
import { GRAPH_TASKS, labelGraph, maskShape, targetShape, type GraphTask } from './clrsTasks.ts';
import { sampleGraph, type GraphSample, type GraphSampleOptions } from './randomGraphs.ts';
import { createRng, deriveSeed } from '../util/random.ts';

export const NODE_FEATURES = 3;

export interface ClrsLiteOptions extends GraphSampleOptions {
  numGraphs: number;
  tasks: ClrsTaskName[];
  seed: number;
}

export const targetField = (task: string) => `${task}/target`;
export const maskField = (task: string) => `${task}/mask`;

/** The task definitions of a CLRS-lite dataset, in its task order. */
export function graphTasksOf(data: Dataset): GraphTask[] {
  return data.taskNames.map((name) => {
    const task = GRAPH_TASKS[name as ClrsTaskName];
    if (!task) throw new Error(`dataset "${data.name}" has task "${name}", which is not a CLRS-lite graph task`);
    return task;
  });
}

function emptyField(numSamples: number, shape: number[]): Field {
  return { values: new Float32Array(numSamples * shape.reduce((a, b) => a * b, 1)), shape };
}

/** Packs graphs and their labels into dataset fields, padded to `size` nodes. */
export function encodeGraphs(
  samples: GraphSample[],
  taskNames: ClrsTaskName[],
  size: number,
  name = 'clrs-lite',
): Dataset {
  const tasks = taskNames.map((t) => GRAPH_TASKS[t]);
  const count = samples.length;
  const fields: Record<string, Field> = {
    nodes: emptyField(count, [size, NODE_FEATURES]),
    adj: emptyField(count, [size, size]),
    weights: emptyField(count, [size, size]),
    dag: emptyField(count, [size, size]),
  };
  for (const task of tasks) {
    fields[targetField(task.name)] = emptyField(count, targetShape(task, size));
    fields[maskField(task.name)] = emptyField(count, maskShape(task, size));
  }
  samples.forEach((sample, s) => {
    const { graph, dag, source } = sample;
    if (graph.numNodes > size)
      throw new Error(`graph ${s} has ${graph.numNodes} nodes, more than the padded size ${size}`);
    const square = s * size * size;
    for (let v = 0; v < graph.numNodes; v++) {
      fields.nodes.values.set([1, v === source ? 1 : 0, v / size], (s * size + v) * NODE_FEATURES);
    }
    for (const { u, v, weight } of graph.edges) {
      for (const [a, b] of [
        [u, v],
        [v, u],
      ]) {
        fields.adj.values[square + a * size + b] = 1;
        fields.weights.values[square + a * size + b] = weight;
      }
    }
    for (const [from, to] of dag.arcs) fields.dag.values[square + from * size + to] = 1;
    labelGraph(sample, tasks, size).forEach(({ target, mask }, t) => {
      fields[targetField(tasks[t].name)].values.set(target, s * target.length);
      fields[maskField(tasks[t].name)].values.set(mask, s * mask.length);
    });
  });
  return { name, taskNames: [...taskNames], numSamples: count, fields };
}

export function makeClrsLiteDataset(options: ClrsLiteOptions): Dataset {
  const rng = createRng(deriveSeed(options.seed, 'clrs-lite/graphs'));
  const samples = Array.from({ length: options.numGraphs }, () => sampleGraph(rng, options));
  const [minNodes, maxNodes] = options.numNodes;
  return encodeGraphs(
    samples,
    options.tasks,
    maxNodes,
    `clrs-lite(${options.numGraphs} graphs, ${minNodes}–${maxNodes} nodes)`,
  );
}
