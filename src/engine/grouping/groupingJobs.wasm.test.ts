// The branching search and the set-up comparison on the wasm backend, whose missing
// UnsortedSegmentSum kernel breaks tf.gather's gradient: the branched model and the cosine probe
// must train there (a tree whose leaves are out of task order needs the column permutation).
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeWasmFolder } from '../../cli/io.ts';
import { runJob } from '../jobs/index.ts';

beforeAll(() => {
  tf.env().set('PROD', true);
  setWasmPaths(nodeWasmFolder());
});

const quiet = { signal: new AbortController().signal, progress: () => {} };
const spec = (backend: 'cpu' | 'wasm') => ({
  seed: 3,
  backend,
  dataset: { kind: 'planted', numTasks: 4, numGroups: 2, inputDim: 6, numSamples: 256, noise: 0.1 },
  model: { kind: 'shared-bottom', hidden: [8], activation: 'tanh' },
  training: { steps: 40, batchSize: 32, learningRate: 0.01 },
});

describe('grouping jobs on wasm', () => {
  it('search a tree and compare set-ups with the same results as on cpu', async () => {
    const searched = await runJob('branch', { spec: spec('wasm'), depth: 2, arity: 2 }, quiet);
    expect(tf.getBackend()).toBe('wasm');
    expect(searched.layers[0]).toEqual([[0, 1, 2, 3]]);
    // The planted groups interleave (0, 2 | 1, 3): leaves out of task order, whatever the search found.
    const tree = {
      ...searched,
      layers: [
        [[0, 1, 2, 3]],
        [
          [0, 2],
          [1, 3],
        ],
      ],
      nodes: [],
    };
    const onWasm = await runJob('compare-setups', { spec: spec('wasm'), tree }, quiet);
    const onCpu = await runJob('compare-setups', { spec: spec('cpu'), tree }, quiet);
    onWasm.setups.forEach((setup, i) => {
      expect(setup.validationScore.every(Number.isFinite)).toBe(true);
      setup.validationScore.forEach((score, t) => expect(score).toBeCloseTo(onCpu.setups[i].validationScore[t], 3));
    });
  }, 60_000);
});
