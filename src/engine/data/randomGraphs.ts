// Seeded random graphs for CLRS-lite: Erdős–Rényi G(n, p) with uniform positive weights, a random
// source node, and a DAG made by orienting every edge from lower to higher random rank.
import { componentLabels, type DiGraph, type Graph } from './graphAlgorithms.ts';
import { permutation, type Rng } from '../util/random.ts';

export interface GraphSample {
  graph: Graph;
  /** The same edges, oriented by a random ranking of the nodes (so acyclic). */
  dag: DiGraph;
  source: number;
}

export interface GraphSampleOptions {
  /** Node count is drawn uniformly from this inclusive range. */
  numNodes: [number, number];
  /** Edge probability is drawn uniformly from this range, once per graph. */
  edgeProbability: [number, number];
  /** Chance that a graph is made connected (its components chained by extra random edges). */
  connectedFraction: number;
}

/** Weights in U(0.1, 1): positive, bounded away from 0, and distinct almost surely (unique MST and shortest paths). */
const randomWeight = (rng: Rng) => 0.1 + 0.9 * rng.next();

const uniformInt = (rng: Rng, [min, max]: [number, number]) => min + rng.int(max - min + 1);

/** Links the components in order of their smallest node by one random edge each, so the graph becomes connected. */
function connectComponents(graph: Graph, rng: Rng): void {
  const labels = componentLabels(graph);
  const roots = [...new Set(labels)];
  const members = (root: number) => labels.flatMap((label, node) => (label === root ? [node] : []));
  for (let i = 1; i < roots.length; i++) {
    const from = members(roots[i - 1]);
    const to = members(roots[i]);
    const u = from[rng.int(from.length)];
    const v = to[rng.int(to.length)];
    graph.edges.push({ u: Math.min(u, v), v: Math.max(u, v), weight: randomWeight(rng) });
  }
}

export function sampleGraph(rng: Rng, options: GraphSampleOptions): GraphSample {
  const n = uniformInt(rng, options.numNodes);
  const [pMin, pMax] = options.edgeProbability;
  const p = pMin + (pMax - pMin) * rng.next();
  const graph: Graph = { numNodes: n, edges: [] };
  for (let u = 0; u < n; u++) {
    for (let v = u + 1; v < n; v++) if (rng.next() < p) graph.edges.push({ u, v, weight: randomWeight(rng) });
  }
  if (rng.next() < options.connectedFraction) connectComponents(graph, rng);
  const rank = permutation(rng, n);
  const dag: DiGraph = {
    numNodes: n,
    arcs: graph.edges.map(({ u, v }) => (rank[u] < rank[v] ? [u, v] : [v, u])),
  };
  return { graph, dag, source: rng.int(n) };
}
