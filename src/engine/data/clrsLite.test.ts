import { describe, expect, it } from 'vitest';
import { CLRS_TASKS, ExperimentSpec, type ClrsTaskName } from '../../protocol/index.ts';
import { encodeGraphs, makeClrsLiteDataset, maskField, targetField, type ClrsLiteOptions } from './clrsLite.ts';
import { trivialBaselines } from './clrsBaselines.ts';
import type { Dataset } from './dataset.ts';
import type { GraphSample } from './randomGraphs.ts';
import { HAND_GRAPH } from './handGraph.fixture.ts';

// The hand graph, source 0, every edge oriented from lower to higher index.
const SAMPLE: GraphSample = {
  graph: HAND_GRAPH,
  dag: {
    numNodes: 7,
    arcs: [
      [0, 1],
      [0, 2],
      [1, 2],
      [1, 3],
      [2, 3],
      [3, 4],
      [5, 6],
    ],
  },
  source: 0,
};
const SIZE = 8; // one padding node

const field = (data: Dataset, name: string, sample = 0) => {
  const f = data.fields[name];
  const size = f.shape.reduce((a, b) => a * b, 1);
  return Array.from(f.values.subarray(sample * size, (sample + 1) * size));
};
const at = (values: number[], u: number, v: number) => values[u * SIZE + v];

describe('encodeGraphs on a hand-made graph', () => {
  const data = encodeGraphs([SAMPLE], [...CLRS_TASKS], SIZE);

  it('writes the graph inputs', () => {
    expect(field(data, 'nodes').slice(0, 6)).toEqual([1, 1, 0, 1, 0, 1 / 8].map(Math.fround));
    expect(field(data, 'nodes').slice(7 * 3)).toEqual([0, 0, 0]); // the padding node
    const adj = field(data, 'adj');
    const weights = field(data, 'weights');
    expect([at(adj, 1, 3), at(adj, 3, 1), at(adj, 0, 3), at(adj, 6, 7)]).toEqual([1, 1, 0, 0]);
    expect(at(weights, 3, 1)).toBeCloseTo(0.7, 6);
    expect(adj.reduce((a, b) => a + b, 0)).toBe(14);
    const dag = field(data, 'dag');
    expect([at(dag, 1, 3), at(dag, 3, 1)]).toEqual([1, 0]);
  });

  it('labels node tasks', () => {
    expect(field(data, targetField('bfs-reach'))).toEqual([1, 1, 1, 1, 1, 0, 0, 0]);
    expect(field(data, maskField('bfs-reach'))).toEqual([1, 1, 1, 1, 1, 1, 1, 0]);
    expect(field(data, targetField('bfs-hops'))).toEqual([0, 1, 1, 2, 3, 0, 0, 0]);
    expect(field(data, maskField('bfs-hops'))).toEqual([1, 1, 1, 1, 1, 0, 0, 0]);
    [0, 0.3, 0.1, 0.9, 1.2, 0, 0, 0].forEach((d, v) =>
      expect(field(data, targetField('sp-dist'))[v]).toBeCloseTo(d, 6),
    );
    expect(field(data, maskField('sp-dist'))).toEqual([1, 1, 1, 1, 1, 0, 0, 0]);
    // Longest path ending at each node along the index-ordered arcs: 0 → 1 → 2 → 3 → 4 and 5 → 6.
    expect(field(data, targetField('topo-order'))).toEqual([0, 1, 2, 3, 4, 0, 1, 0]);
    expect(field(data, maskField('topo-order'))).toEqual([1, 1, 1, 1, 1, 1, 1, 0]);
  });

  it('labels component pointers', () => {
    const target = field(data, targetField('components'));
    const pointed = Array.from({ length: SIZE }, (_, v) => target.slice(v * SIZE, (v + 1) * SIZE).indexOf(1));
    expect(pointed).toEqual([0, 0, 0, 0, 0, 5, 5, -1]);
    expect(field(data, maskField('components'))).toEqual([1, 1, 1, 1, 1, 1, 1, 0]);
  });

  it('labels edge tasks symmetrically, masked to the right edges', () => {
    const edges: [number, number][] = [
      [0, 1],
      [0, 2],
      [1, 2],
      [1, 3],
      [2, 3],
      [3, 4],
      [5, 6],
    ];
    const read = (name: string) => edges.map(([u, v]) => [at(field(data, name), u, v), at(field(data, name), v, u)]);
    expect(read(targetField('mst'))).toEqual([
      [0, 0],
      [1, 1],
      [1, 1],
      [1, 1],
      [0, 0],
      [1, 1],
      [1, 1],
    ]);
    expect(read(maskField('mst')).every(([a, b]) => a === 1 && b === 1)).toBe(true);
    // Shortest-path tree from 0: 0-2, 2-1, 2-3, 3-4. The 5-6 edge lies outside the source's component.
    expect(read(targetField('sp-tree'))).toEqual([
      [0, 0],
      [1, 1],
      [1, 1],
      [0, 0],
      [1, 1],
      [1, 1],
      [0, 0],
    ]);
    expect(read(maskField('sp-tree'))).toEqual([
      [1, 1],
      [1, 1],
      [1, 1],
      [1, 1],
      [1, 1],
      [1, 1],
      [0, 0],
    ]);
    expect(field(data, maskField('mst')).reduce((a, b) => a + b, 0)).toBe(14); // non-edges masked out
  });

  it('computes the trivial baselines', () => {
    const baselines = Object.fromEntries(data.taskNames.map((name, t) => [name, trivialBaselines(data)[t]]));
    expect(baselines['bfs-reach']).toBeCloseTo(5 / 7, 6);
    expect(baselines['mst']).toBeCloseTo(10 / 14, 6);
    expect(baselines['sp-tree']).toBeCloseTo(8 / 12, 6);
    expect(baselines['components']).toBeCloseTo(5 / 7, 6); // "point at node 0" beats "point at yourself" (2/7)
    expect(baselines['sp-dist']).toBe(0);
  });
});

const OPTIONS: ClrsLiteOptions = {
  numGraphs: 60,
  numNodes: [5, 10],
  edgeProbability: [0.1, 0.4],
  connectedFraction: 0.5,
  tasks: [...CLRS_TASKS],
  seed: 7,
};

/** Decoded graph of sample s: n real nodes, weights (0 = no edge), arcs, source. */
function decode(data: Dataset, s: number) {
  const size = data.fields.adj.shape[0];
  const nodes = field(data, 'nodes', s);
  const n = Array.from({ length: size }, (_, v) => nodes[v * 3]).filter((x) => x === 1).length;
  const source = Array.from({ length: size }, (_, v) => nodes[v * 3 + 1]).indexOf(1);
  const weights = field(data, 'weights', s);
  const dag = field(data, 'dag', s);
  const w = (u: number, v: number) => weights[u * size + v];
  return { size, n, source, w, arc: (u: number, v: number) => dag[u * size + v] === 1 };
}

/** All-pairs shortest paths (Floyd–Warshall), with unit or real weights. */
function floydWarshall(n: number, w: (u: number, v: number) => number, unit: boolean): number[][] {
  const d = Array.from({ length: n }, (_, u) =>
    Array.from({ length: n }, (_, v) => (u === v ? 0 : w(u, v) > 0 ? (unit ? 1 : w(u, v)) : Infinity)),
  );
  for (let k = 0; k < n; k++)
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) d[i][j] = Math.min(d[i][j], d[i][k] + d[k][j]);
  return d;
}

/** Prim's algorithm run from every not-yet-spanned node: the minimum spanning forest as "u,v" keys. */
function primForest(n: number, w: (u: number, v: number) => number): Set<string> {
  const inTree = new Array<boolean>(n).fill(false);
  const chosen = new Set<string>();
  for (let start = 0; start < n; start++) {
    if (inTree[start]) continue;
    inTree[start] = true;
    for (;;) {
      let best: [number, number] | null = null;
      for (let u = 0; u < n; u++) {
        if (!inTree[u]) continue;
        for (let v = 0; v < n; v++)
          if (!inTree[v] && w(u, v) > 0 && (!best || w(u, v) < w(best[0], best[1]))) best = [u, v];
      }
      if (!best) break;
      inTree[best[1]] = true;
      chosen.add(`${Math.min(...best)},${Math.max(...best)}`);
    }
  }
  return chosen;
}

describe('makeClrsLiteDataset', () => {
  const data = makeClrsLiteDataset(OPTIONS);

  it('is deterministic per seed and changes with the seed', () => {
    const again = makeClrsLiteDataset(OPTIONS);
    const other = makeClrsLiteDataset({ ...OPTIONS, seed: 8 });
    for (const name of Object.keys(data.fields)) expect(again.fields[name].values).toEqual(data.fields[name].values);
    expect(other.fields.adj.values).not.toEqual(data.fields.adj.values);
  });

  it('draws sizes in range, pads to the largest, and mixes connected and disconnected graphs', () => {
    expect(data.fields.adj.shape).toEqual([10, 10]);
    const sizes = Array.from({ length: data.numSamples }, (_, s) => decode(data, s).n);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(5);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(10);
    expect(new Set(sizes).size).toBeGreaterThan(3);
    const connected = Array.from({ length: data.numSamples }, (_, s) =>
      field(data, targetField('bfs-reach'), s)
        .slice(0, sizes[s])
        .every((r) => r === 1),
    );
    expect(connected.filter(Boolean).length).toBeGreaterThan(10);
    expect(connected.filter((c) => !c).length).toBeGreaterThan(10);
  });

  it('labels agree with independent algorithms on every generated graph', () => {
    for (let s = 0; s < data.numSamples; s++) {
      const { size, n, source, w, arc } = decode(data, s);
      const label = (task: ClrsTaskName) => field(data, targetField(task), s);
      const mask = (task: ClrsTaskName) => field(data, maskField(task), s);
      const hops = floydWarshall(n, w, true);
      const dist = floydWarshall(n, w, false);
      const forest = primForest(n, w);
      for (let v = 0; v < n; v++) {
        const reachable = hops[source][v] < Infinity;
        expect(label('bfs-reach')[v]).toBe(reachable ? 1 : 0);
        expect(mask('bfs-hops')[v]).toBe(reachable ? 1 : 0);
        if (reachable) {
          expect(label('bfs-hops')[v]).toBe(hops[source][v]);
          expect(label('sp-dist')[v]).toBeCloseTo(dist[source][v], 5);
        }
        const smallestInComponent = Array.from({ length: n }, (_, u) => u).find((u) => hops[u][v] < Infinity);
        expect(label('components')[v * size + smallestInComponent!]).toBe(1);
        // Kahn round: 0 without predecessors, else one more than the latest predecessor.
        const preds = Array.from({ length: n }, (_, u) => u).filter((u) => arc(u, v));
        expect(label('topo-order')[v]).toBe(
          preds.length ? 1 + Math.max(...preds.map((u) => label('topo-order')[u])) : 0,
        );
        for (let u = 0; u < n; u++) {
          if (!(w(u, v) > 0)) continue;
          expect(arc(u, v) !== arc(v, u)).toBe(true); // every edge has exactly one direction
          expect(label('mst')[u * size + v]).toBe(forest.has(`${Math.min(u, v)},${Math.max(u, v)}`) ? 1 : 0);
          // With distinct weights, an edge is on the shortest-path tree iff it is tight.
          const tight =
            Math.abs(dist[source][u] + w(u, v) - dist[source][v]) < 1e-6 ||
            Math.abs(dist[source][v] + w(u, v) - dist[source][u]) < 1e-6;
          expect(mask('sp-tree')[u * size + v]).toBe(reachable ? 1 : 0);
          if (reachable) expect(label('sp-tree')[u * size + v]).toBe(tight ? 1 : 0);
        }
      }
      for (const task of CLRS_TASKS)
        expect(
          mask(task)
            .slice(n, size)
            .every((m) => m === 0),
        ).toBe(true);
    }
  });
});

describe('clrs-lite spec', () => {
  it('fills defaults and accepts a single node count', () => {
    const spec = ExperimentSpec.parse({ dataset: { kind: 'clrs-lite', numNodes: 9 } });
    expect(spec.dataset).toMatchObject({
      kind: 'clrs-lite',
      numNodes: [9, 9],
      edgeProbability: [0.1, 0.35],
      tasks: [...CLRS_TASKS],
    });
  });

  it('rejects bad ranges and repeated or unknown tasks', () => {
    expect(ExperimentSpec.safeParse({ dataset: { kind: 'clrs-lite', numNodes: [12, 8] } }).success).toBe(false);
    expect(ExperimentSpec.safeParse({ dataset: { kind: 'clrs-lite', tasks: ['mst', 'mst'] } }).success).toBe(false);
    expect(ExperimentSpec.safeParse({ dataset: { kind: 'clrs-lite', tasks: ['dfs'] } }).success).toBe(false);
  });
});
