import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCorpus, sampleTextBatch } from '../data/textCorpus.ts';
import { createRng } from '../util/random.ts';
import { createMoeTransformer, type MoeTransformerOptions } from './moeTransformer.ts';

beforeAll(async () => {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
});

const corpus = buildCorpus([
  { name: 'prose', text: 'the cat sat on the mat and the dog sat on the log. '.repeat(8) },
  { name: 'code', text: 'for (let i = 0; i < n; i++) { sum += x[i]; }\n'.repeat(8) },
  { name: 'numbers', text: '1,2,3,5,8,13,21,34,55,89;'.repeat(12) },
]);

const options = (vocabSize: number): MoeTransformerOptions => ({
  vocabSize,
  contextLength: 16,
  dModel: 16,
  numHeads: 2,
  numLayers: 2,
  numExperts: 4,
  expertHidden: 16,
  router: { kind: 'topk', k: 1, capacityFactor: 2 },
});

describe('MoE transformer LM', () => {
  it('learns multi-domain text, records routing per layer, and leaks nothing', () => {
    const model = createMoeTransformer(options(corpus.vocab.length), createRng(1));
    const optimizer = tf.train.adam(0.01);
    const rng = createRng(2);
    const losses: number[] = [];
    let afterFirst = 0;
    for (let step = 0; step < 40; step++) {
      const batch = sampleTextBatch(corpus, 6, 16, rng);
      const cost = optimizer.minimize(
        () => {
          const out = model.forward(batch, 3);
          expect(out.routing.length).toBe(2);
          expect(out.routing[0].numTokens).toBe(6 * 16);
          tf.dispose(out.domainLosses);
          return tf.add(out.loss, out.aux) as tf.Scalar;
        },
        true,
        model.variables,
      );
      losses.push(cost!.dataSync()[0]);
      cost!.dispose();
      if (step === 0) afterFirst = tf.memory().numTensors;
    }
    expect(tf.memory().numTensors).toBe(afterFirst);
    // Uniform guessing costs ln V nats; a few dozen steps must do much better.
    expect(losses[0]).toBeGreaterThan(0.8 * Math.log(corpus.vocab.length));
    expect(losses[losses.length - 1]).toBeLessThan(0.6 * losses[0]);
    optimizer.dispose();
    model.dispose();
  });

  it('sparse and dense dispatch give the same loss through the whole model', () => {
    const model = createMoeTransformer(options(corpus.vocab.length), createRng(1));
    const batch = sampleTextBatch(corpus, 4, 16, createRng(3));
    const run = (mode: 'sparse' | 'dense') => {
      const out = model.forward(batch, 3, { mode });
      const values = [out.loss.dataSync()[0], ...out.domainLosses.dataSync()];
      tf.dispose([out.loss, out.domainLosses, out.aux]);
      return values;
    };
    const sparse = run('sparse');
    const dense = run('dense');
    sparse.forEach((v, i) => expect(Math.abs(v - dense[i])).toBeLessThan(1e-5));
    model.dispose();
  });
});
