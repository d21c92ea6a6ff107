import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../testing/setup.ts';
import { createRng, normalArray } from '../util/random.ts';
import { evaluateDomains, makeDomainBatches } from './domainEval.ts';
import { knockOut, knockoutMatrix } from './knockout.ts';
import { assignValue, tinyLm, toyCorpus } from './testing/fixtures.ts';

beforeAll(useCpuBackend);

const corpus = toyCorpus();
const data = makeDomainBatches(corpus, 4, 12, 3);

/** A model whose routers are all zero: uniform probabilities, so every token takes expert 0 (ties go low). */
function zeroRouted() {
  const model = tinyLm(corpus.vocab.length);
  for (const layer of model.moeLayers)
    assignValue(layer.routerVariables[0], new Float32Array(layer.routerVariables[0].size));
  return model;
}

describe('expert knockout', () => {
  it('knocking out an expert no token uses changes no output, exactly', async () => {
    const model = zeroRouted();
    const before = tf.memory().numTensors;
    const intact = await evaluateDomains(model, data);
    for (const routing of intact.routing.flat()) expect(routing.processed[3]).toBe(0);
    const result = await knockOut(model, data, [
      { layer: 0, expert: 3 },
      { layer: 1, expert: 3 },
      { layer: 1, expert: 2 },
    ]);
    expect(result.losses).toEqual(intact.losses);
    expect(result.delta).toEqual([0, 0]);
    // The same at the layer itself: identical output tensors, bit for bit.
    const layer = model.moeLayers[0];
    const x = tf.tensor2d(normalArray(createRng(4), 10 * 16), [10, 16]);
    const plain = layer.apply(x);
    const knocked = layer.apply(x, { knockout: [3] });
    expect(Array.from(knocked.output.dataSync())).toEqual(Array.from(plain.output.dataSync()));
    tf.dispose([x, plain.output, knocked.output, ...Object.values(plain.aux), ...Object.values(knocked.aux)]);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('knocking out the expert every token uses moves the loss and re-routes the tokens', async () => {
    const model = zeroRouted();
    const result = await knockOut(model, data, [{ layer: 0, expert: 0 }]);
    expect(result.delta.every((d) => d !== 0)).toBe(true);
    const routed = (await evaluateDomains(model, data, { knockout: [[0], []] })).routing;
    for (const domain of routed) {
      expect(domain[0].processed[0]).toBe(0);
      expect(domain[0].processed[1]).toBe(domain[0].numTokens); // next in line (ties go low)
    }
    model.dispose();
  });

  it('builds the expert × domain Δloss matrix: zero rows for unused experts', async () => {
    const model = zeroRouted();
    const matrix = await knockoutMatrix(model, data);
    expect(matrix.delta.length).toBe(2 * 4 * 2);
    for (let l = 0; l < 2; l++) {
      for (let e = 1; e < 4; e++) for (let d = 0; d < 2; d++) expect(matrix.delta[(l * 4 + e) * 2 + d]).toBe(0);
      for (let d = 0; d < 2; d++) expect(matrix.delta[l * 4 * 2 + d]).not.toBe(0);
    }
    model.dispose();
  });

  it('names bad input', async () => {
    const model = zeroRouted();
    await expect(knockOut(model, data, [{ layer: 2, expert: 0 }])).rejects.toThrow(/layer 2 does not exist/);
    await expect(knockOut(model, data, [{ layer: 0, expert: 4 }])).rejects.toThrow(/expert 4 does not exist/);
    model.dispose();
    const soft = tinyLm(corpus.vocab.length, { kind: 'soft', slotsPerExpert: 1 });
    await expect(knockOut(soft, data, [{ layer: 0, expert: 0 }])).rejects.toThrow(/routed experts/);
    soft.dispose();
  });
});
