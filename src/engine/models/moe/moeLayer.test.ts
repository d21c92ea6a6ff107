import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng, normalArray } from '../../util/random.ts';
import { createMoeLayer, type MoeLayerOptions } from './moeLayer.ts';
import type { DispatchMode, RouterOptions, RoutingInfo } from './types.ts';

beforeAll(async () => {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
});

const N = 24;
const D = 6;
const ROUTERS: Record<string, RouterOptions> = {
  'top-2': { kind: 'topk', k: 2 },
  'top-2 renormalised': { kind: 'topk', k: 2, normalize: true },
  'top-1 noisy': { kind: 'topk', k: 1, noisy: true },
  'top-2 with 2 null experts': { kind: 'topk', k: 2, numNull: 2 },
  'top-2 capacity 1.0 (drops)': { kind: 'topk', k: 2, capacityFactor: 1.0 },
  'top-p 0.5': { kind: 'topp', threshold: 0.5, capacityFactor: 1.25 },
  'expert choice c=2': { kind: 'expert-choice', capacityFactor: 2 },
  'soft, 2 slots': { kind: 'soft', slotsPerExpert: 2 },
};

function layerOptions(router: RouterOptions): MoeLayerOptions {
  return { inputDim: D, hiddenDim: 8, numExperts: 4, router, numShared: 1, sharedHiddenDim: 4 };
}

/** Output, input gradient and variable gradients of Σ y ⊙ r + aux under one dispatch mode. */
function forwardBackward(router: RouterOptions, mode: DispatchMode) {
  const layer = createMoeLayer(layerOptions(router), createRng(7));
  // A sharper router than the init gives, so choices are decisive and capacity bites.
  const sharper = tf.mul(layer.routerVariables[0], 40);
  layer.routerVariables[0].assign(sharper);
  sharper.dispose();
  const x = tf.tensor2d(normalArray(createRng(11), N * D), [N, D]);
  const r = tf.tensor2d(normalArray(createRng(13), N * D), [N, D]);
  const noise = createRng(17);
  let routing: RoutingInfo | undefined;
  let output: Float32Array = new Float32Array();
  const { grads, value } = tf.variableGrads(() => {
    const out = layer.apply(tf.add(x, 0) as tf.Tensor2D, { mode, training: true, noise: noise.normal });
    routing = out.routing;
    output = out.output.dataSync() as Float32Array;
    return tf.add(tf.sum(tf.mul(out.output, r)), out.aux.total) as tf.Scalar;
  }, layer.variables);
  const inputGrad = tf.grad((input: tf.Tensor) => {
    const out = layer.apply(input as tf.Tensor2D, { mode, training: true, noise: createRng(17).normal });
    return tf.sum(tf.mul(out.output, r));
  })(x);
  const result = {
    output,
    loss: value.dataSync()[0],
    inputGrad: inputGrad.dataSync() as Float32Array,
    grads: layer.variables.map((v) => grads[v.name].dataSync() as Float32Array),
    names: layer.variables.map((v) => v.name),
    routing: routing!,
  };
  tf.dispose([x, r, value, inputGrad, ...Object.values(grads)]);
  layer.dispose();
  return result;
}

const maxAbsDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
const maxAbs = (a: Float32Array) => a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

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

  it('null experts lower the number of real experts per token', () => {
    const { routing } = forwardBackward(ROUTERS['top-2 with 2 null experts'], 'sparse');
    const real = routing.expertsPerToken.reduce((a, b) => a + b, 0);
    expect(real + routing.nullChoices).toBe(N * 2);
    expect(routing.nullChoices).toBeGreaterThan(0);
  });
});
