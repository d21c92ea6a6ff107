import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { forwardBackward, maxAbs, maxAbsDiff, N, ROUTERS } from './testing/forwardBackward.ts';

beforeAll(async () => {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
});

describe('MoE layer: sparse dispatch equals the dense reference', () => {
  for (const [name, router] of Object.entries(ROUTERS)) {
    it(name, () => {
      const before = tf.memory().numTensors;
      const sparse = forwardBackward(router, 'sparse');
      const dense = forwardBackward(router, 'dense');
      expect(tf.memory().numTensors).toBe(before);
      expect(maxAbs(sparse.output)).toBeGreaterThan(0.01);
      expect(maxAbsDiff(sparse.output, dense.output)).toBeLessThan(1e-5);
      expect(Math.abs(sparse.loss - dense.loss)).toBeLessThan(1e-5);
      expect(maxAbsDiff(sparse.inputGrad, dense.inputGrad)).toBeLessThan(1e-5);
      sparse.grads.forEach((g, i) => {
        expect(maxAbsDiff(g, dense.grads[i]), sparse.names[i]).toBeLessThan(1e-5);
        // Every parameter gets a gradient: experts, shared experts and the router. (Biases of
        // experts that got no token are the exception, so only weight matrices are checked.)
        if (!/noise|\/b[12]$/.test(sparse.names[i])) expect(maxAbs(g), sparse.names[i]).toBeGreaterThan(0);
      });
      expect(Array.from(sparse.routing.topIds)).toEqual(Array.from(dense.routing.topIds));
    });
  }

  it('drops tokens when capacity is tight, and says how many', () => {
    const { routing } = forwardBackward(ROUTERS['top-2 capacity 1.0 (drops)'], 'sparse');
    const requested = routing.requested.reduce((a, b) => a + b, 0);
    expect(requested).toBe(N * 2);
    expect(routing.capacity).toBe(Math.ceil((N * 2) / 4));
    expect(Math.max(...routing.processed)).toBeLessThanOrEqual(routing.capacity);
    expect(routing.dropped).toBe(requested - routing.processed.reduce((a, b) => a + b, 0));
    expect(routing.dropped).toBeGreaterThan(0);
    expect(routing.kept.reduce((a, b) => a + b, 0)).toBe(requested - routing.dropped);
  });

  it('records gates per token in descending order; renormalised gates sum to 1', () => {
    const { routing } = forwardBackward(ROUTERS['top-2 renormalised'], 'sparse');
    for (let t = 0; t < N; t++) {
      const [a, b] = [routing.topWeights[2 * t], routing.topWeights[2 * t + 1]];
      expect(a).toBeGreaterThanOrEqual(b);
      expect(a + b).toBeCloseTo(1, 5);
      expect(routing.topIds[2 * t]).not.toBe(routing.topIds[2 * t + 1]);
    }
    const loadSum = routing.load.reduce((x, y) => x + y, 0);
    expect(loadSum).toBeCloseTo(1, 5);
  });

  it('expert choice fills exactly C = round(N·c/E) slots per expert and drops nothing', () => {
    const { routing } = forwardBackward(ROUTERS['expert choice c=2'], 'sparse');
    expect(routing.capacity).toBe(Math.round((N * 2) / 4));
    expect(Array.from(routing.processed)).toEqual([12, 12, 12, 12]);
    expect(routing.dropped).toBe(0);
  });

  it('null experts lower the number of real experts per token', () => {
    const { routing } = forwardBackward(ROUTERS['top-2 with 2 null experts'], 'sparse');
    const real = routing.expertsPerToken.reduce((a, b) => a + b, 0);
    expect(real + routing.nullChoices).toBe(N * 2);
    expect(routing.nullChoices).toBeGreaterThan(0);
  });
});
