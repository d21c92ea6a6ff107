import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../../testing/setup.ts';
import { createRng, normalArray } from '../../util/random.ts';
import { competitionScores, isCompetitionStep } from './compete.ts';
import { runAllExperts } from './experts.ts';
import { createMoeLayer } from './moeLayer.ts';
import type { CompeteRouter } from './types.ts';

beforeAll(useCpuBackend);

const N = 16;
const D = 6;
const E = 4;
const makeLayer = (router: CompeteRouter) =>
  createMoeLayer({ inputDim: D, hiddenDim: 8, numExperts: E, router }, createRng(3));
const input = () => tf.tensor2d(normalArray(createRng(5), N * D), [N, D]);
const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) =>
  Math.max(...Array.from(a, (v, i) => Math.abs(v - b[i])));

describe('CompeteSMoE', () => {
  it('scores experts by softmax over softplus of their output norms', () => {
    // Expert 0 answers [3, 4] (norm 5), expert 1 answers 0: softmax(softplus(5), softplus(0)).
    const outputs = tf.tensor3d([3, 4, 0, 0], [2, 1, 2]);
    const scores = competitionScores(outputs).dataSync();
    const s0 = Math.log1p(Math.exp(5));
    const s1 = Math.log(2);
    expect(scores[0]).toBeCloseTo(Math.exp(s0) / (Math.exp(s0) + Math.exp(s1)), 5);
    expect(scores[0]).toBeCloseTo(0.98679, 4);
    expect(scores[0] + scores[1]).toBeCloseTo(1, 6);
    outputs.dispose();
  });

  for (const normalize of [false, true]) {
    it(`a router that imitates the competition exactly gives the competition's outputs (normalize ${normalize})`, () => {
      const layer = makeLayer({ kind: 'compete', k: 2, normalize });
      const x = input();
      const before = tf.memory().numTensors;
      const competition = layer.apply(x, { compete: true });
      // The perfect imitator: router logits log s^C, so the router's softmax is s^C itself.
      const logits = tf.tidy(() => tf.log(competitionScores(runAllExperts(layer.experts, x))) as tf.Tensor2D);
      const imitated = layer.apply(x, { logits });
      const imitatedCompeting = layer.apply(x, { logits, compete: true });
      expect(Array.from(imitated.routing.topIds)).toEqual(Array.from(competition.routing.topIds));
      expect(maxAbsDiff(imitated.routing.topWeights, competition.routing.topWeights)).toBeLessThan(1e-6);
      expect(maxAbsDiff(imitated.output.dataSync(), competition.output.dataSync())).toBeLessThan(1e-5);
      expect(Math.max(...Array.from(competition.output.dataSync(), Math.abs))).toBeGreaterThan(0.05);
      // Its distillation loss is zero; the layer's own (untrained) router's is not.
      expect(imitatedCompeting.aux.distill!.dataSync()[0]).toBeLessThan(1e-10);
      expect(competition.aux.distill!.dataSync()[0]).toBeGreaterThan(1e-4);
      // Ordinary steps stay sparse: no distillation term, the layer's router chooses.
      const ordinary = layer.apply(x);
      expect(ordinary.aux.distill).toBeUndefined();
      tf.dispose(
        [competition, imitated, imitatedCompeting, ordinary, logits].flatMap((o) =>
          'output' in o ? [o.output, ...Object.values(o.aux)] : [o],
        ),
      );
      expect(tf.memory().numTensors).toBe(before);
      x.dispose();
      layer.dispose();
    });
  }

  it('distillation trains only the router and makes it agree with the competition', () => {
    const layer = makeLayer({ kind: 'compete', k: 1, distillWeight: 10 });
    const x = input();
    const optimizer = tf.train.adam(0.05);
    const expertsBefore = layer.experts.w1.dataSync().slice();
    const agreement = () => {
      const competition = layer.apply(x, { compete: true });
      const ordinary = layer.apply(x);
      let same = 0;
      for (let t = 0; t < N; t++) same += competition.routing.topIds[t] === ordinary.routing.topIds[t] ? 1 : 0;
      tf.dispose([
        competition.output,
        ...Object.values(competition.aux),
        ordinary.output,
        ...Object.values(ordinary.aux),
      ]);
      return same / N;
    };
    const distillAt = () => {
      const out = layer.apply(x, { compete: true });
      const value = out.aux.distill!.dataSync()[0];
      tf.dispose([out.output, ...Object.values(out.aux)]);
      return value;
    };
    const startLoss = distillAt();
    const startAgreement = agreement();
    for (let step = 0; step < 150; step++) {
      optimizer.minimize(
        () => {
          const out = layer.apply(x, { compete: true });
          out.output.dispose();
          return out.aux.distill!;
        },
        false,
        layer.variables,
      );
    }
    expect(distillAt()).toBeLessThan(0.3 * startLoss);
    expect(agreement()).toBeGreaterThan(Math.max(startAgreement, 0.8));
    expect(Array.from(layer.experts.w1.dataSync())).toEqual(Array.from(expertsBefore));
    optimizer.dispose();
    x.dispose();
    layer.dispose();
  });

  it('competes on about λ of the steps, from the seeded stream', () => {
    const rng = createRng(9);
    let count = 0;
    for (let i = 0; i < 2000; i++) count += isCompetitionStep({ kind: 'compete', k: 2, competeRate: 0.2 }, rng) ? 1 : 0;
    expect(count / 2000).toBeGreaterThan(0.17);
    expect(count / 2000).toBeLessThan(0.23);
  });
});
