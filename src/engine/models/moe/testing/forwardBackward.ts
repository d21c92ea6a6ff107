// Shared by the MoE layer tests on cpu and on wasm: one forward + backward pass of a small layer
// on fixed random data, under either dispatch mode, read back to plain arrays.
import * as tf from '@tensorflow/tfjs';
import { createRng, normalArray } from '../../../util/random.ts';
import { createMoeLayer, type MoeLayerOptions } from '../moeLayer.ts';
import type { DispatchMode, RouterOptions, RoutingInfo } from '../types.ts';

export const N = 24;
const D = 6;
export const ROUTERS: Record<string, RouterOptions> = {
  'top-2': { kind: 'topk', k: 2 },
  'top-2 renormalised': { kind: 'topk', k: 2, normalize: true },
  'top-1 noisy': { kind: 'topk', k: 1, noisy: true },
  'top-2 with 2 null experts': { kind: 'topk', k: 2, numNull: 2 },
  'top-2 capacity 1.0 (drops)': { kind: 'topk', k: 2, capacityFactor: 1.0 },
  'top-p 0.5': { kind: 'topp', threshold: 0.5, capacityFactor: 1.25 },
  'expert choice c=2': { kind: 'expert-choice', capacityFactor: 2 },
  'soft, 2 slots': { kind: 'soft', slotsPerExpert: 2 },
  'compete top-2 (ordinary step)': { kind: 'compete', k: 2 },
};

function layerOptions(router: RouterOptions): MoeLayerOptions {
  return { inputDim: D, hiddenDim: 8, numExperts: 4, router, numShared: 1, sharedHiddenDim: 4 };
}

/** Output, input gradient and variable gradients of Σ y ⊙ r + aux under one dispatch mode. */
export function forwardBackward(router: RouterOptions, mode: DispatchMode) {
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

export const maxAbsDiff = (a: Float32Array, b: Float32Array) =>
  a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);
export const maxAbs = (a: Float32Array) => a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
