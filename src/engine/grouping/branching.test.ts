import { describe, expect, it } from 'vitest';
import { searchBranching, type AffinityProvider } from './branching.ts';
import { createRng } from '../util/random.ts';

/** Planted two-level hierarchy: 2 super-clusters of 2 sub-clusters each, interleaved over tasks. */
function hierarchyProvider(seed: number): { provider: AffinityProvider; calls: [number[], number][] } {
  const sup = (t: number) => t % 2;
  const sub = (t: number) => t % 4;
  const rng = createRng(seed);
  const calls: [number[], number][] = [];
  const provider: AffinityProvider = async (tasks, layer) => {
    calls.push([tasks, layer]);
    const base = (i: number, j: number): number =>
      i === j ? 1 : sub(i) === sub(j) ? 0.8 : sup(i) === sup(j) ? 0.5 : 0.1;
    const rows = tasks.map((i) => tasks.map((j) => base(i, j)));
    for (let a = 0; a < tasks.length; a++)
      for (let b = a + 1; b < tasks.length; b++) rows[a][b] = rows[b][a] = rows[a][b] + 0.03 * rng.normal();
    return rows;
  };
  return { provider, calls };
}

const sortGroups = (groups: number[][]) => groups.map((g) => [...g].sort((a, b) => a - b)).sort((a, b) => a[0] - b[0]);

describe('searchBranching', () => {
  it('recovers a planted two-level hierarchy: layer 1 = super-clusters, layer 2 = sub-clusters (B1)', async () => {
    for (const n of [8, 12, 16]) {
      const { provider, calls } = hierarchyProvider(n);
      const result = await searchBranching(n, provider, { depth: 3, arity: 2 });
      const tasks = Array.from({ length: n }, (_, i) => i);
      expect(result.layers[0]).toEqual([tasks]);
      expect(sortGroups(result.layers[1])).toEqual([0, 1].map((s) => tasks.filter((t) => t % 2 === s)));
      expect(sortGroups(result.layers[2])).toEqual([0, 1, 2, 3].map((s) => tasks.filter((t) => t % 4 === s)));
      // One affinity matrix per node: the root, then the two super-clusters (B4: ≤ n·L).
      expect(result.affinityCalls).toBe(3);
      expect(calls.map(([, layer]) => layer)).toEqual([1, 2, 2]);
    }
  });

  it('stops splitting where the planted structure ends, even with room to go deeper', async () => {
    const { provider } = hierarchyProvider(1);
    const result = await searchBranching(8, provider, { depth: 5, arity: 2 });
    expect(sortGroups(result.layers[4])).toEqual(sortGroups(result.layers[2]));
    expect(result.affinityCalls).toBeLessThanOrEqual(8 * 5);
  });

  it('never splits identical tasks (constant affinity, B2)', async () => {
    const provider: AffinityProvider = async (tasks) => tasks.map(() => tasks.map(() => 0.9));
    const result = await searchBranching(6, provider, { depth: 3, arity: 3 });
    expect(result.layers).toEqual([[[0, 1, 2, 3, 4, 5]], [[0, 1, 2, 3, 4, 5]], [[0, 1, 2, 3, 4, 5]]]);
  });

  it('can split at the root and respects the arity', async () => {
    const { provider } = hierarchyProvider(2);
    // Pairs of one super-cluster (0.5) are above the average pair, so even with room for 4
    // children the root keeps the super-clusters; the sub-clusters split one layer deeper.
    const result = await searchBranching(8, provider, { depth: 2, arity: 4, splitRoot: true });
    expect(sortGroups(result.layers[0])).toEqual([0, 1].map((s) => [s, s + 2, s + 4, s + 6]));
    expect(sortGroups(result.layers[1])).toEqual([0, 1, 2, 3].map((s) => [s, s + 4]));
    const binary = await searchBranching(8, provider, { depth: 2, arity: 2, splitRoot: true });
    for (const layer of binary.layers)
      expect(layer.length).toBeLessThanOrEqual(binary.layers.indexOf(layer) === 0 ? 2 : 4);
  });

  it('reports each split for a live view, and names bad provider output', async () => {
    const seen: number[] = [];
    const { provider } = hierarchyProvider(3);
    await searchBranching(8, provider, { depth: 3, arity: 2, onNode: (node) => seen.push(node.children.length) });
    expect(seen).toEqual([2, 2, 2]);
    const wrongSize: AffinityProvider = async () => [[1]];
    await expect(searchBranching(3, wrongSize, { depth: 2, arity: 2 })).rejects.toThrow(/1 rows for 3 tasks/);
    const nan: AffinityProvider = async (tasks) => tasks.map(() => tasks.map(() => NaN));
    await expect(searchBranching(3, nan, { depth: 2, arity: 2 })).rejects.toThrow(/entry \[0\]\[0\] is NaN/);
    await expect(searchBranching(3, nan, { depth: 0, arity: 2 })).rejects.toThrow(/depth/);
  });
});
