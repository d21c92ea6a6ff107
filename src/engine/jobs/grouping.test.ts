// The branch and compare-setups jobs on a tiny planted spec, on the cpu backend.
import { beforeAll, describe, expect, it } from 'vitest';
import type { BranchTree } from '../../protocol/branchTree.ts';
import type { JobProgress } from '../../protocol/jobs.ts';
import { useCpuBackend } from '../testing/setup.ts';
import { branchedParamCount } from '../models/branched.ts';
import { runJob } from './index.ts';

const spec = {
  seed: 3,
  backend: 'cpu',
  dataset: { kind: 'planted', numTasks: 4, numGroups: 2, inputDim: 4, numSamples: 256, noise: 0.05 },
  model: { kind: 'shared-bottom', hidden: [8], activation: 'tanh' },
  training: { steps: 30, batchSize: 32, learningRate: 0.01 },
};
const signal = new AbortController().signal;

beforeAll(useCpuBackend);

describe('branch job', () => {
  it('reports each split as it is found and returns the tree of a partition per layer', async () => {
    const updates: JobProgress['branch'][] = [];
    const tree = await runJob(
      'branch',
      { spec, depth: 3, arity: 2, warmSteps: 20 },
      { signal, progress: (u) => updates.push(u) },
    );
    expect(updates[0]).toEqual({ type: 'started', taskNames: tree.taskNames, depth: 3, arity: 2 });
    expect(tree.taskNames).toHaveLength(4);
    const nodes = updates.filter((u) => u.type === 'node').map((u) => u.node);
    expect(nodes).toEqual(tree.nodes);
    expect(updates.filter((u) => u.type === 'measuring')).toHaveLength(tree.affinityCalls);
    expect(tree.layers).toHaveLength(3);
    expect(tree.layers[0]).toEqual([[0, 1, 2, 3]]);
    for (const layer of tree.layers) expect(layer.flat().sort()).toEqual([0, 1, 2, 3]);
    expect(tree.nodes[0].layer).toBe(1);
    expect(tree.nodes[0].affinity).toHaveLength(4);
  }, 30_000);

  it('rejects a depth out of range with a message naming it', async () => {
    await expect(runJob('branch', { spec, depth: 0, arity: 2 }, { signal, progress: () => {} })).rejects.toThrow(
      /depth/,
    );
  });
});

describe('compare-setups job', () => {
  // A fixed tree, so the test checks the comparison alone: tasks {0,1} and {2,3} part at layer 1.
  const tree: BranchTree = {
    taskNames: ['a', 'b', 'c', 'd'],
    depth: 2,
    arity: 2,
    layers: [
      [[0, 1, 2, 3]],
      [
        [0, 1],
        [2, 3],
      ],
    ],
    nodes: [
      {
        layer: 1,
        tasks: [0, 1, 2, 3],
        children: [
          [0, 1],
          [2, 3],
        ],
        explanation: '',
        affinity: [
          [1, 0.9, -0.5, -0.4],
          [0.9, 1, -0.6, -0.5],
          [-0.5, -0.6, 1, 0.8],
          [-0.4, -0.5, 0.8, 1],
        ],
      },
    ],
    affinityCalls: 1,
    seconds: 0,
  };

  it('trains the four set-ups with the parameter counts of their trees', async () => {
    const updates: JobProgress['compare-setups'][] = [];
    const result = await runJob('compare-setups', { spec, tree }, { signal, progress: (u) => updates.push(u) });
    expect(result.setups.map((s) => s.id)).toEqual(['single', 'shared', 'groups', 'tree']);
    expect(updates.filter((u) => u.type === 'setup')).toHaveLength(4);
    const [single, shared, groups, searched] = result.setups;
    // width 8, inputDim 4, depth 2, 4 tasks: a block is 4·8+8 = 40 (first) or 8·8+8 = 72; a head 9.
    expect(shared.params).toBe(40 + 72 + 4 * 9);
    expect(single.params).toBe(4 * (40 + 72) + 4 * 9);
    expect(groups.layers[0]).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(groups.params).toBe(2 * (40 + 72) + 4 * 9);
    expect(searched.layers).toEqual(tree.layers);
    expect(searched.params).toBe(branchedParamCount(4, 4, tree.layers, 8));
    for (const s of result.setups) {
      expect(s.validationLoss).toHaveLength(4);
      expect(s.validationScore.every(Number.isFinite)).toBe(true);
      expect(s.seconds).toBeGreaterThan(0);
    }
    expect(result.groupsExplanation).toMatch(/chosen/);
  }, 30_000);

  it('trains GNNs branched over their rounds for a CLRS-lite spec', async () => {
    const graph = {
      seed: 1,
      backend: 'cpu',
      dataset: {
        kind: 'clrs-lite',
        numGraphs: 64,
        numNodes: [5, 7],
        edgeProbability: [0.2, 0.45],
        tasks: ['bfs-reach', 'bfs-hops', 'mst'],
      },
      model: { kind: 'gnn', hidden: 8, layers: 3, aggregation: 'mean' },
      training: { steps: 10, batchSize: 16, learningRate: 0.01 },
    };
    const graphTree: BranchTree = {
      ...tree,
      taskNames: ['bfs-reach', 'bfs-hops', 'mst'],
      depth: 2,
      layers: [[[0, 1, 2]], [[0, 2], [1]]],
      nodes: [],
    };
    const result = await runJob('compare-setups', { spec: graph, tree: graphTree }, { signal, progress: () => {} });
    const byId = Object.fromEntries(result.setups.map((s) => [s.id, s]));
    expect(byId.tree.layers).toEqual(graphTree.layers);
    // Encoder + 2 rounds per path: one shared path < the tree (one extra round-1 block) < 3 paths.
    expect(byId.shared.params).toBeLessThan(byId.tree.params);
    expect(byId.tree.params).toBeLessThan(byId.single.params);
    for (const s of result.setups) expect(s.validationScore.every(Number.isFinite)).toBe(true);
  }, 60_000);
});
