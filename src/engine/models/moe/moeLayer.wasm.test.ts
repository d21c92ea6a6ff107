// The same checks on the wasm backend, whose missing UnsortedSegmentSum kernel breaks gather's
// gradient: sparse dispatch must still train there, and match the cpu reference.
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeWasmFolder } from '../../../cli/io.ts';
import { forwardBackward, maxAbsDiff, ROUTERS } from './testing/forwardBackward.ts';

beforeAll(async () => {
  tf.env().set('PROD', true);
  setWasmPaths(nodeWasmFolder());
});

describe('MoE layer on wasm', () => {
  for (const [name, router] of Object.entries(ROUTERS)) {
    it(`${name}: wasm sparse = wasm dense = cpu dense`, async () => {
      await tf.setBackend('cpu');
      const reference = forwardBackward(router, 'dense');
      await tf.setBackend('wasm');
      const before = tf.memory().numTensors;
      const sparse = forwardBackward(router, 'sparse');
      const dense = forwardBackward(router, 'dense');
      expect(tf.memory().numTensors).toBe(before);
      expect(maxAbsDiff(sparse.output, dense.output)).toBeLessThan(1e-5);
      expect(maxAbsDiff(sparse.inputGrad, dense.inputGrad)).toBeLessThan(1e-5);
      sparse.grads.forEach((g, i) => expect(maxAbsDiff(g, dense.grads[i]), sparse.names[i]).toBeLessThan(1e-5));
      // Across backends float rounding differs, and a near-tie could flip a choice; routing is identical here.
      expect(Array.from(sparse.routing.topIds)).toEqual(Array.from(reference.routing.topIds));
      expect(maxAbsDiff(sparse.output, reference.output)).toBeLessThan(1e-4);
      sparse.grads.forEach((g, i) => expect(maxAbsDiff(g, reference.grads[i]), sparse.names[i]).toBeLessThan(1e-4));
    });
  }
});
