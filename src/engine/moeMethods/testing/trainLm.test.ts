import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../../testing/setup.ts';
import { trainLm } from './trainLm.ts';
import { tinyLm, toyCorpus } from './fixtures.ts';

beforeAll(useCpuBackend);
const corpus = toyCorpus();

describe('LM training with the CompeteSMoE schedule', () => {
  it('mixes competition and ordinary steps, learns, leaks nothing, and repeats with the seed', () => {
    const run = () => {
      const model = tinyLm(corpus.vocab.length, { kind: 'compete', k: 1, competeRate: 0.5 });
      const flags: boolean[] = [];
      const before = tf.memory().numTensors;
      const result = trainLm(model, corpus, {
        steps: 20,
        batchSize: 4,
        length: 12,
        learningRate: 0.01,
        seed: 4,
        onStep: (_, __, c) => flags.push(c),
      });
      expect(tf.memory().numTensors).toBe(before);
      model.dispose();
      return { ...result, flags };
    };
    const a = run();
    expect(a.competitionSteps).toBe(a.flags.filter(Boolean).length);
    expect(a.competitionSteps).toBeGreaterThan(4);
    expect(a.competitionSteps).toBeLessThan(16);
    expect(a.losses[a.losses.length - 1]).toBeLessThan(0.7 * a.losses[0]);
    const b = run();
    expect(b.flags).toEqual(a.flags);
    expect(b.losses).toEqual(a.losses);
  });
});
