import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../testing/setup.ts';
import { sampleTextBatch } from '../data/textCorpus.ts';
import { createRng, normalArray } from '../util/random.ts';
import { createRecurrentRouter } from '../models/moe/recurrentRouter.ts';
import type { RoutingInfo } from '../models/moe/types.ts';
import { adjacentLayerAffinities, routingToTrace } from './layerAffinity.ts';
import { trainLm } from './testing/trainLm.ts';
import { tinyLm, toyCorpus } from './testing/fixtures.ts';

beforeAll(useCpuBackend);
const corpus = toyCorpus();

describe('layerwise recurrent router', () => {
  it('trains the LM without leaks; its own per-layer routers stay out of the trained variables', () => {
    const model = tinyLm(corpus.vocab.length, { kind: 'topk', k: 2 }, { recurrentRouter: { stateDim: 8 } });
    for (const layer of model.moeLayers)
      for (const v of layer.routerVariables) expect(model.variables).not.toContain(v);
    const before = tf.memory().numTensors;
    const { losses } = trainLm(model, corpus, { steps: 20, batchSize: 4, length: 12, learningRate: 0.01, seed: 3 });
    expect(tf.memory().numTensors).toBe(before);
    expect(losses[losses.length - 1]).toBeLessThan(0.7 * losses[0]);
    model.dispose();
  });

  it('carries its state across layers (GRU update checked by hand)', () => {
    const router = createRecurrentRouter({ inputDim: 4, stateDim: 3, numLayers: 2, numExperts: 2 }, createRng(2));
    const x = tf.tensor2d(normalArray(createRng(3), 5 * 4), [5, 4]);
    const first = router.step(0, x, null);
    const fromState = router.step(1, x, first.state);
    const fromZero = router.step(1, x, null);
    // Same input at layer 1, different carried state → different logits.
    const gap = Math.max(
      ...Array.from(fromState.logits.dataSync(), (v, i) => Math.abs(v - fromZero.logits.dataSync()[i])),
    );
    expect(gap).toBeGreaterThan(1e-4);
    // All-zero weights: update gate σ(0) = ½, candidate tanh(0) = 0, so r_l = ½ r_{l−1} and logits 0.
    for (const v of router.variables) v.assign(tf.zerosLike(v));
    const prev = tf.tensor2d([[1, -2, 4]]);
    const next = router.step(1, tf.zeros([1, 4]) as tf.Tensor2D, prev);
    expect(Array.from(next.state.dataSync())).toEqual([0.5, -1, 2]);
    expect(Array.from(next.logits.dataSync())).toEqual([0, 0]);
    tf.dispose(
      [x, prev, first, fromState, fromZero, next].flatMap((o) => (o instanceof tf.Tensor ? [o] : [o.logits, o.state])),
    );
    router.dispose();
  });
});

describe('inter-layer affinity from routing records', () => {
  const record = (ids: number[], k: number, numExperts: number): RoutingInfo => {
    const n = ids.length / k;
    return {
      numTokens: n,
      numExperts,
      maxK: k,
      topIds: Int32Array.from(ids),
      topWeights: new Float32Array(ids.length).fill(1 / k),
      kept: new Uint8Array(ids.length).fill(1),
      expertsPerToken: new Int32Array(n).fill(k),
      requested: new Int32Array(numExperts),
      processed: new Int32Array(numExperts),
      load: new Float32Array(numExperts),
      capacity: Infinity,
      dropped: 0,
      dropRate: 0,
      nullChoices: 0,
      probs: new Float32Array(n * numExperts),
    };
  };

  it('gives the identity when the next layer copies this one, and k/E-like rows otherwise', () => {
    const layer0 = [0, 1, 2, 3, 0, 1, 2, 3];
    const trace = routingToTrace([[record(layer0, 1, 4), record(layer0, 1, 4)]], 4);
    const [pair] = adjacentLayerAffinities(trace);
    expect(pair.peak).toBe(1);
    expect(Array.from(pair.conditional)).toEqual([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
    // Layer 1 = (layer 0 + 1) mod 4 for half the tokens, (layer 0 + 2) for the other half.
    const shifted = [1, 2, 3, 0, 2, 3, 0, 1];
    const [mixed] = adjacentLayerAffinities(routingToTrace([[record(layer0, 1, 4), record(shifted, 1, 4)]], 4));
    expect(mixed.peak).toBe(0.5);
  });

  it("works on a model's own records (top-2, rows of P sum to k)", () => {
    const model = tinyLm(
      corpus.vocab.length,
      { kind: 'topk', k: 2 },
      { numLayers: 3, recurrentRouter: { stateDim: 8 } },
    );
    const records: RoutingInfo[][] = [];
    const rng = createRng(5);
    for (let b = 0; b < 2; b++) {
      const out = model.forward(sampleTextBatch(corpus, 4, 12, rng), 2);
      records.push(out.routing);
      tf.dispose([out.loss, out.domainLosses, out.aux]);
    }
    const pairs = adjacentLayerAffinities(routingToTrace(records, 12));
    expect(pairs.length).toBe(2);
    for (const pair of pairs) {
      for (let a = 0; a < 4; a++) {
        const row = Array.from(pair.conditional.subarray(a * 4, a * 4 + 4)).reduce((s, v) => s + v, 0);
        if (row > 0) expect(row).toBeCloseTo(2, 9);
      }
      expect(pair.peak).toBeGreaterThan(0);
      expect(pair.peak).toBeLessThanOrEqual(1);
    }
    model.dispose();
  });
});
