// AutoBRANE-lite on CLRS-lite: the branching search over a GNN's processor rounds returns a valid
// tree (every round partitions the tasks and refines the one before) on cpu and on wasm, and the
// set-up comparison trains GNNs with those trees.
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { ExperimentSpec } from '../../protocol/index.ts';
import { nodeWasmFolder } from '../../cli/io.ts';
import { initBackend } from '../backend.ts';
import { searchBranching } from './branching.ts';
import { createCosineProvider } from './cosineProvider.ts';

const spec = ExperimentSpec.parse({
  seed: 1,
  dataset: {
    kind: 'clrs-lite',
    numGraphs: 96,
    numNodes: [5, 7],
    edgeProbability: [0.2, 0.45],
    connectedFraction: 0.5,
    tasks: ['bfs-reach', 'bfs-hops', 'mst'],
  },
  model: { kind: 'gnn', hidden: 8, layers: 2, aggregation: 'mean' },
  training: { steps: 20, batchSize: 16, learningRate: 0.01 },
});

function expectValidTree(layers: number[][][], n: number, depth: number, arity: number) {
  expect(layers).toHaveLength(depth);
  layers.forEach((groups, l) => {
    expect(groups.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, t) => t));
    if (l === 0) return;
    for (const parent of layers[l - 1]) {
      const children = groups.filter((g) => parent.includes(g[0]));
      expect(children.length).toBeLessThanOrEqual(arity);
      expect(children.flat().sort((a, b) => a - b)).toEqual([...parent].sort((a, b) => a - b));
    }
  });
}

afterAll(() => tf.env().set('PROD', true));

describe('branching search on CLRS-lite graph tasks', () => {
  for (const backend of ['cpu', 'wasm'] as const) {
    it(`returns a valid tree over the GNN's processor rounds on ${backend}`, async () => {
      tf.env().set('PROD', true);
      await initBackend(backend, { wasmPaths: nodeWasmFolder() });
      expect(tf.getBackend()).toBe(backend);
      const before = tf.memory().numTensors;
      const affinity = createCosineProvider(spec, { depth: 2, batches: 2 });
      try {
        const result = await searchBranching(3, affinity.provider, { depth: 2, arity: 2, seed: 1 });
        expectValidTree(result.layers, 3, 2, 2);
        expect(result.nodes[0].affinity).toHaveLength(3);
        result.nodes[0].affinity.forEach((row, i) => expect(row[i]).toBeCloseTo(1, 4));
        expect(affinity.passes()).toBeGreaterThan(0);
      } finally {
        affinity.dispose();
      }
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});
