// Plain reference implementations of the classical algorithms behind the CLRS-lite tasks.
// Written for clarity, not speed (graphs have ≤ 32 nodes): the dataset's labels come from here,
// and the tests check these functions against answers worked out by hand.

/** An undirected weighted edge between nodes u and v. */
export interface Edge {
  u: number;
  v: number;
  weight: number;
}

/** Undirected weighted graph on nodes 0..numNodes-1; each edge listed once. */
export interface Graph {
  numNodes: number;
  edges: Edge[];
}

/** Directed graph: each arc [from, to]. */
export interface DiGraph {
  numNodes: number;
  arcs: [number, number][];
}

/** Neighbour lists of an undirected graph, each sorted by node index (deterministic tie-breaks). */
export function neighbours(graph: Graph): { node: number; weight: number }[][] {
  const lists: { node: number; weight: number }[][] = Array.from({ length: graph.numNodes }, () => []);
  for (const { u, v, weight } of graph.edges) {
    lists[u].push({ node: v, weight });
    lists[v].push({ node: u, weight });
  }
  for (const list of lists) list.sort((a, b) => a.node - b.node);
  return lists;
}

/** Breadth-first search: hop count from `source` to every node, -1 where unreachable. */
export function bfsHops(graph: Graph, source: number): number[] {
  const lists = neighbours(graph);
  const hops = new Array<number>(graph.numNodes).fill(-1);
  hops[source] = 0;
  const queue = [source];
  for (let head = 0; head < queue.length; head++) {
    const u = queue[head];
    for (const { node } of lists[u]) {
      if (hops[node] >= 0) continue;
      hops[node] = hops[u] + 1;
      queue.push(node);
    }
  }
  return hops;
}

export interface ShortestPaths {
  /** Weighted distance from the source; Infinity where unreachable. */
  distance: number[];
  /** Predecessor on the shortest path (the shortest-path tree); -1 for the source and unreachable nodes. */
  parent: number[];
}

/** Dijkstra's algorithm with a linear scan for the closest unsettled node (O(n²), fine for n ≤ 32). */
export function dijkstra(graph: Graph, source: number): ShortestPaths {
  const lists = neighbours(graph);
  const n = graph.numNodes;
  const distance = new Array<number>(n).fill(Infinity);
  const parent = new Array<number>(n).fill(-1);
  const settled = new Array<boolean>(n).fill(false);
  distance[source] = 0;
  for (;;) {
    let u = -1;
    for (let i = 0; i < n; i++)
      if (!settled[i] && distance[i] < Infinity && (u < 0 || distance[i] < distance[u])) u = i;
    if (u < 0) break;
    settled[u] = true;
    for (const { node, weight } of lists[u]) {
      if (distance[u] + weight < distance[node]) {
        distance[node] = distance[u] + weight;
        parent[node] = u;
      }
    }
  }
  return { distance, parent };
}

/** Disjoint sets with path halving; `union` keeps the smaller index as the root. */
export class UnionFind {
  private readonly parent: number[];
  constructor(size: number) {
    this.parent = Array.from({ length: size }, (_, i) => i);
  }
  find(x: number): number {
    while (this.parent[x] !== x) {
      this.parent[x] = this.parent[this.parent[x]];
      x = this.parent[x];
    }
    return x;
  }
  /** Merges the sets of a and b; false when they were already one set. */
  union(a: number, b: number): boolean {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return false;
    if (ra < rb) this.parent[rb] = ra;
    else this.parent[ra] = rb;
    return true;
  }
}

/** Connected components: each node's label is the smallest node index in its component. */
export function componentLabels(graph: Graph): number[] {
  const sets = new UnionFind(graph.numNodes);
  for (const { u, v } of graph.edges) sets.union(u, v);
  return Array.from({ length: graph.numNodes }, (_, i) => sets.find(i));
}

/**
 * Kruskal's minimum spanning forest: whether each edge (by its index in graph.edges) is in it.
 * Ties in weight are broken by edge index, so the answer is unique.
 */
export function kruskal(graph: Graph): boolean[] {
  const order = graph.edges.map((_, i) => i).sort((a, b) => graph.edges[a].weight - graph.edges[b].weight || a - b);
  const sets = new UnionFind(graph.numNodes);
  const inTree = new Array<boolean>(graph.edges.length).fill(false);
  for (const i of order) inTree[i] = sets.union(graph.edges[i].u, graph.edges[i].v);
  return inTree;
}

export interface TopologicalOrder {
  /** A topological order: the nodes of level 0 by index, then level 1, … */
  order: number[];
  /** Round of Kahn's algorithm in which each node is removed = length of the longest path ending at it. */
  level: number[];
}

/**
 * Kahn's algorithm, run in rounds: each round removes every node whose in-degree has dropped to 0.
 * Throws on a cycle (the input must be a DAG).
 */
export function kahn(dag: DiGraph): TopologicalOrder {
  const n = dag.numNodes;
  const inDegree = new Array<number>(n).fill(0);
  const successors: number[][] = Array.from({ length: n }, () => []);
  for (const [from, to] of dag.arcs) {
    successors[from].push(to);
    inDegree[to]++;
  }
  const level = new Array<number>(n).fill(-1);
  const order: number[] = [];
  let frontier = Array.from({ length: n }, (_, i) => i).filter((i) => inDegree[i] === 0);
  for (let round = 0; frontier.length > 0; round++) {
    const next: number[] = [];
    for (const u of frontier) {
      level[u] = round;
      order.push(u);
      for (const v of successors[u]) if (--inDegree[v] === 0) next.push(v);
    }
    frontier = next.sort((a, b) => a - b);
  }
  if (order.length < n) throw new Error('kahn: the graph has a cycle');
  return { order, level };
}
