// The CLRS-lite tasks: what each one asks of a graph, and its labels from the reference algorithms.
// Every task is node-level or edge-level with a mask, so graphs of different sizes share one padded shape.
import type { ClrsTaskName } from '../../protocol/index.ts';
import { bfsHops, componentLabels, dijkstra, kahn, kruskal } from './graphAlgorithms.ts';
import type { GraphSample } from './randomGraphs.ts';

/**
 * binary: one logit per node or edge (BCE, accuracy). regression: one value per node (MSE, R²), in
 * natural units (hops, distance, rounds), whose variances are of order 1 like the other losses, so no
 * task dominates the summed loss.
 * pointer: per node, a choice among all nodes (softmax CE, accuracy); its target is one-hot [N, N].
 */
export type TaskOutput = 'binary' | 'regression' | 'pointer';

export interface GraphTask {
  name: ClrsTaskName;
  level: 'node' | 'edge';
  output: TaskOutput;
  description: string;
}

export const GRAPH_TASKS: Record<ClrsTaskName, GraphTask> = {
  'bfs-reach': {
    name: 'bfs-reach',
    level: 'node',
    output: 'binary',
    description: 'node reachable from the source (BFS)',
  },
  'bfs-hops': {
    name: 'bfs-hops',
    level: 'node',
    output: 'regression',
    description: 'BFS hop count from the source, reachable nodes only',
  },
  'sp-dist': {
    name: 'sp-dist',
    level: 'node',
    output: 'regression',
    description: 'weighted shortest-path distance from the source (Dijkstra), reachable nodes only',
  },
  'sp-tree': {
    name: 'sp-tree',
    level: 'edge',
    output: 'binary',
    description: "edge on the source's shortest-path tree, edges among reachable nodes only",
  },
  components: {
    name: 'components',
    level: 'node',
    output: 'pointer',
    description: 'pointer to the lowest-numbered node of its connected component (union-find label)',
  },
  mst: { name: 'mst', level: 'edge', output: 'binary', description: 'edge in the minimum spanning forest (Kruskal)' },
  'topo-order': {
    name: 'topo-order',
    level: 'node',
    output: 'regression',
    description:
      'Kahn round of the node in the DAG (= longest path ending there); sorting by it gives a topological order',
  },
};

/** Per-sample target and mask arrays, padded to N nodes: node tasks [N] (pointer targets [N, N]), edge tasks [N, N]. */
export interface TaskLabels {
  target: Float32Array;
  mask: Float32Array;
}

export function targetShape(task: GraphTask, size: number): number[] {
  return task.level === 'edge' || task.output === 'pointer' ? [size, size] : [size];
}

export const maskShape = (task: GraphTask, size: number): number[] => (task.level === 'edge' ? [size, size] : [size]);

const prod = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** Labels of every task on one graph, padded to `size` nodes. */
export function labelGraph(sample: GraphSample, tasks: GraphTask[], size: number): TaskLabels[] {
  const { graph, dag, source } = sample;
  const n = graph.numNodes;
  const hops = bfsHops(graph, source);
  const paths = dijkstra(graph, source);
  const components = componentLabels(graph);
  const inTree = kruskal(graph);
  const level = kahn(dag).level;

  return tasks.map((task) => {
    const target = new Float32Array(prod(targetShape(task, size)));
    const mask = new Float32Array(prod(maskShape(task, size)));
    const setEdge = (array: Float32Array, u: number, v: number, value: number) => {
      array[u * size + v] = value;
      array[v * size + u] = value;
    };
    switch (task.name) {
      case 'bfs-reach':
        for (let v = 0; v < n; v++) [target[v], mask[v]] = [hops[v] >= 0 ? 1 : 0, 1];
        break;
      case 'bfs-hops':
        for (let v = 0; v < n; v++) if (hops[v] >= 0) [target[v], mask[v]] = [hops[v], 1];
        break;
      case 'sp-dist':
        for (let v = 0; v < n; v++) if (paths.distance[v] < Infinity) [target[v], mask[v]] = [paths.distance[v], 1];
        break;
      case 'sp-tree':
        for (const { u, v } of graph.edges) {
          if (hops[u] < 0) continue; // the edge lies outside the source's component
          setEdge(mask, u, v, 1);
          setEdge(target, u, v, paths.parent[v] === u || paths.parent[u] === v ? 1 : 0);
        }
        break;
      case 'components':
        for (let v = 0; v < n; v++) [target[v * size + components[v]], mask[v]] = [1, 1];
        break;
      case 'mst':
        graph.edges.forEach(({ u, v }, i) => {
          setEdge(mask, u, v, 1);
          setEdge(target, u, v, inTree[i] ? 1 : 0);
        });
        break;
      case 'topo-order':
        for (let v = 0; v < n; v++) [target[v], mask[v]] = [level[v], 1];
        break;
    }
    return { target, mask };
  });
}
