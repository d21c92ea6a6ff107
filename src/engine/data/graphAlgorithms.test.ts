import { describe, expect, it } from 'vitest';
import { bfsHops, componentLabels, dijkstra, kahn, kruskal, UnionFind } from './graphAlgorithms.ts';
import { HAND_GRAPH } from './handGraph.fixture.ts';

describe('bfsHops', () => {
  it('counts hops from the source and marks other components unreachable', () => {
    expect(bfsHops(HAND_GRAPH, 0)).toEqual([0, 1, 1, 2, 3, -1, -1]);
    expect(bfsHops(HAND_GRAPH, 4)).toEqual([3, 2, 2, 1, 0, -1, -1]);
    expect(bfsHops(HAND_GRAPH, 6)).toEqual([-1, -1, -1, -1, -1, 1, 0]);
  });
});

describe('dijkstra', () => {
  it('finds weighted distances and the shortest-path tree', () => {
    // 1 is closer through 2 (0.1 + 0.2) than directly (0.4); 3 through 2 (0.9) beats through 1 (1.0).
    const { distance, parent } = dijkstra(HAND_GRAPH, 0);
    const expected = [0, 0.3, 0.1, 0.9, 1.2, Infinity, Infinity];
    distance.forEach((d, v) =>
      expected[v] === Infinity ? expect(d).toBe(Infinity) : expect(d).toBeCloseTo(expected[v], 12),
    );
    expect(parent).toEqual([-1, 2, 0, 2, 3, -1, -1]);
  });

  it('from another source: 1 directly from 3 (1.0) beats via 2 (1.3); 0 via 2 (1.2) beats via 1 (1.4)', () => {
    const { distance, parent } = dijkstra(HAND_GRAPH, 4);
    [1.2, 1.0, 1.1, 0.3, 0].forEach((d, v) => expect(distance[v]).toBeCloseTo(d, 12));
    expect(parent.slice(0, 5)).toEqual([2, 3, 3, 4, -1]);
  });
});

describe('union-find components', () => {
  it('labels each node with the smallest node of its component', () => {
    expect(componentLabels(HAND_GRAPH)).toEqual([0, 0, 0, 0, 0, 5, 5]);
    expect(componentLabels({ numNodes: 4, edges: [{ u: 3, v: 1, weight: 1 }] })).toEqual([0, 1, 2, 1]);
  });

  it('reports whether a union merged two sets', () => {
    const sets = new UnionFind(4);
    expect(sets.union(2, 3)).toBe(true);
    expect(sets.union(3, 2)).toBe(false);
    expect(sets.find(3)).toBe(2);
  });
});

describe('kruskal', () => {
  it('picks the minimum spanning forest', () => {
    // By weight: 0-2 ✓, 1-2 ✓, 3-4 ✓, 0-1 ✗ (closes 0-1-2), 5-6 ✓, 1-3 ✓, 2-3 ✗ (closes 1-2-3).
    expect(kruskal(HAND_GRAPH)).toEqual([false, true, true, true, false, true, true]);
  });

  it('spans every component with n − components edges', () => {
    const chosen = kruskal(HAND_GRAPH).filter(Boolean).length;
    expect(chosen).toBe(HAND_GRAPH.numNodes - 2);
  });
});

describe('kahn', () => {
  it('removes nodes round by round; the round is the longest path ending at the node', () => {
    const dag = {
      numNodes: 6,
      arcs: [
        [0, 2],
        [1, 2],
        [2, 3],
        [1, 4],
        [4, 3],
        [3, 5],
        [0, 5],
      ] as [number, number][],
    };
    const { order, level } = kahn(dag);
    expect(level).toEqual([0, 0, 1, 2, 1, 3]);
    expect(order).toEqual([0, 1, 2, 4, 3, 5]);
  });

  it('rejects a cycle', () => {
    expect(() =>
      kahn({
        numNodes: 3,
        arcs: [
          [0, 1],
          [1, 2],
          [2, 0],
        ],
      }),
    ).toThrow(/cycle/);
  });
});
