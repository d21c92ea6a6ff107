import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng, normalArray } from '../../util/random.ts';
import { createMoeLayer } from './moeLayer.ts';
import type { RoutingInfo } from './types.ts';

beforeAll(async () => {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
});

const N = 64;
const D = 8;
const E = 8;

const loadCV = (routing: RoutingInfo) => {
  const mean = 1 / routing.numExperts;
  const variance = routing.load.reduce((s, l) => s + (l - mean) ** 2, 0) / routing.numExperts;
  return Math.sqrt(variance) / mean;
};

/** Trains one MoE layer on a fixed regression target; returns the load CV of the final routing. */
function trainLayer(balance: number, steps: number): { cv: number; leaked: number } {
  const layer = createMoeLayer(
    { inputDim: D, hiddenDim: 8, numExperts: E, router: { kind: 'topk', k: 2 }, aux: { balance, zLoss: 0 } },
    createRng(3),
  );
  // Start from a skewed router (feature 0 is a constant 1 that favours experts 0 and 1), the
  // situation a balancing loss exists to fix.
  const skew = new Float32Array(D * E);
  skew[0] = 2;
  skew[1] = 1.5;
  const skewed = tf.add(layer.routerVariables[0], tf.tensor2d(skew, [D, E]));
  layer.routerVariables[0].assign(skewed);
  skewed.dispose();
  const rng = createRng(5);
  const xs = normalArray(rng, N * D);
  for (let t = 0; t < N; t++) xs[t * D] = 1;
  const x = tf.tensor2d(xs, [N, D]);
  const target = tf.tidy(() => tf.sin(tf.matMul(x, tf.tensor2d(normalArray(rng, D * D), [D, D]))));
  const optimizer = tf.train.adam(0.02);
  let afterFirst = 0;
  for (let s = 0; s < steps; s++) {
    const cost = optimizer.minimize(
      () => {
        const out = layer.apply(x);
        return tf.add(tf.mean(tf.squaredDifference(out.output, target)), out.aux.total) as tf.Scalar;
      },
      true,
      layer.variables,
    );
    cost?.dispose();
    if (s === 0) afterFirst = tf.memory().numTensors; // Adam's moments exist from here on
  }
  const leaked = tf.memory().numTensors - afterFirst;
  const final = layer.apply(x);
  const cv = loadCV(final.routing);
  tf.dispose([final.output, ...Object.values(final.aux), x, target]);
  optimizer.dispose();
  layer.dispose();
  console.log(`balance ${balance}: load CV ${cv.toFixed(3)}`);
  return { cv, leaked };
}

describe('MoE training', () => {
  it('the load-balancing loss lowers load CV versus training without it (same seed)', () => {
    const without = trainLayer(0, 40);
    const withBalance = trainLayer(0.5, 40);
    expect(withBalance.cv).toBeLessThan(0.7 * without.cv);
    expect(without.leaked).toBe(0);
    expect(withBalance.leaked).toBe(0);
  });

  it('top-p gives more experts per token as p grows', () => {
    const means = [0.2, 0.5, 0.8, 0.95].map((threshold) => {
      const layer = createMoeLayer(
        { inputDim: D, hiddenDim: 8, numExperts: E, router: { kind: 'topp', threshold } },
        createRng(9),
      );
      const scaled = tf.mul(layer.routerVariables[0], 50); // a router with opinions, not uniform
      layer.routerVariables[0].assign(scaled);
      scaled.dispose();
      const x = tf.tensor2d(normalArray(createRng(4), N * D), [N, D]);
      const out = layer.apply(x);
      const mean = out.routing.expertsPerToken.reduce((a, b) => a + b, 0) / N;
      tf.dispose([x, out.output, ...Object.values(out.aux)]);
      layer.dispose();
      return mean;
    });
    for (let i = 1; i < means.length; i++) expect(means[i]).toBeGreaterThan(means[i - 1]);
    expect(means[0]).toBeGreaterThanOrEqual(1);
    expect(means[3]).toBeLessThanOrEqual(E);
  });
});
