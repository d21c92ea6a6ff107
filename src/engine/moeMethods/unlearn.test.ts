import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../testing/setup.ts';
import { makeDomainBatches } from './domainEval.ts';
import { trainLm } from './testing/trainLm.ts';
import { compareUnlearning, unlearnDomain } from './unlearn.ts';
import { shippedCorpus, tinyLm } from './testing/fixtures.ts';

const corpus = shippedCorpus();
const numbers = corpus.domains.indexOf('numbers');
const data = makeDomainBatches(corpus, 12, 16, 5);
let model: ReturnType<typeof tinyLm>;

beforeAll(async () => {
  await useCpuBackend();
  model = tinyLm(corpus.vocab.length);
  trainLm(model, corpus, { steps: 40, batchSize: 8, length: 16, learningRate: 0.01, seed: 2 });
}, 120_000);
afterAll(() => model.dispose());

const values = () => model.variables.map((v) => Array.from(v.dataSync()));

describe('UOE single-expert unlearning on the shipped corpus', () => {
  it('keeps the target expert selected and retain loss steadier than full-model unlearning', async () => {
    const before = values();
    const tensors = tf.memory().numTensors;
    const { uoe, full } = await compareUnlearning(model, data, { forgetDomain: numbers, objective: 'npo', steps: 12 });
    // UOE changes one expert, so it takes a larger step size to unlearn as much as the baseline does.
    const strong = await unlearnDomain(model, data, {
      forgetDomain: numbers,
      scope: 'uoe',
      objective: 'npo',
      steps: 12,
      learningRate: 3e-2,
      restoreAfter: true,
    });
    expect(tf.memory().numTensors).toBe(tensors);
    expect(values()).toEqual(before); // compareUnlearning leaves the model as it found it
    expect(uoe.diverged || full.diverged).toBe(false);
    // Both unlearn: the forget loss goes up.
    expect(uoe.forgetLoss.after).toBeGreaterThan(uoe.forgetLoss.before);
    expect(full.forgetLoss.after).toBeGreaterThan(full.forgetLoss.before);
    // The anchor keeps the attributed expert's selection rate on forget tokens; the baseline moves it away.
    expect(Math.abs(uoe.targetRate.after - uoe.targetRate.before)).toBeLessThan(0.05);
    expect(full.targetRate.after).toBeLessThan(full.targetRate.before - 0.1);
    // Retain loss moves less under UOE, which touches a small fraction of the parameters.
    const drift = (r: typeof uoe) =>
      r.retainLoss.reduce((s, d) => s + Math.abs(d.after - d.before), 0) / r.retainLoss.length;
    expect(drift(uoe)).toBeLessThan(drift(full));
    // With a stronger UOE step the forget loss rises as much as the baseline's. Retain drift per unit of
    // forget increase is then about the same on this tiny model (0.060 vs 0.063 when written), so only
    // the report shows it; the assertion above is at equal settings.
    expect(strong.forgetLoss.after - strong.forgetLoss.before).toBeGreaterThan(0.3);
    expect(Math.abs(strong.targetRate.after - strong.targetRate.before)).toBeLessThan(0.1);
    expect(uoe.touchedFraction).toBeLessThan(0.1);
    expect(uoe.touchedFraction).toBeLessThan(full.touchedFraction);
    console.log(
      `UOE vs full (npo, 12 steps): forget Δ ${(uoe.forgetLoss.after - uoe.forgetLoss.before).toFixed(3)} vs ${(full.forgetLoss.after - full.forgetLoss.before).toFixed(3)}, ` +
        `retain |Δ| ${drift(uoe).toFixed(3)} vs ${drift(full).toFixed(3)}, touched ${(100 * uoe.touchedFraction).toFixed(2)}% vs ${(100 * full.touchedFraction).toFixed(2)}%, ` +
        `target rate ${uoe.targetRate.before.toFixed(2)}→${uoe.targetRate.after.toFixed(2)} vs →${full.targetRate.after.toFixed(2)}; ` +
        `UOE lr 3e-2: forget Δ ${(strong.forgetLoss.after - strong.forgetLoss.before).toFixed(3)}, retain |Δ| ${drift(strong).toFixed(3)}, rate →${strong.targetRate.after.toFixed(2)}`,
    );
  });

  it("the retain-side anchor keeps the retained domains' routing closer than plain UOE, training the same few parameters", async () => {
    const settings = {
      forgetDomain: numbers,
      objective: 'npo' as const,
      steps: 12,
      learningRate: 3e-2,
      restoreAfter: true,
    };
    const tensors = tf.memory().numTensors;
    const uoe = await unlearnDomain(model, data, { ...settings, scope: 'uoe' });
    const retain = await unlearnDomain(model, data, { ...settings, scope: 'uoe-retain', target: uoe.target });
    expect(tf.memory().numTensors).toBe(tensors);
    // Σ over retained domains and experts of |selection after − before| at the target layer.
    const shift = (r: typeof uoe) =>
      r.selectionBefore.reduce(
        (sum, layers, d) =>
          d === numbers
            ? sum
            : sum +
              layers[r.target.layer].reduce((s, v, e) => s + Math.abs(r.selectionAfter[d][r.target.layer][e] - v), 0),
        0,
      );
    expect(retain.diverged).toBe(false);
    expect(retain.forgetLoss.after).toBeGreaterThan(retain.forgetLoss.before);
    expect(shift(retain)).toBeLessThan(shift(uoe));
    // Same trainable set as UOE (one expert + its router).
    expect(retain.touchedFraction).toBeLessThan(0.1);
    console.log(
      `retain routing shift at layer ${uoe.target.layer}: UOE ${shift(uoe).toFixed(3)}, UOE + retain anchor ${shift(retain).toFixed(3)}; forget Δ ${(uoe.forgetLoss.after - uoe.forgetLoss.before).toFixed(3)} vs ${(retain.forgetLoss.after - retain.forgetLoss.before).toFixed(3)}`,
    );
  });

  it('only the attributed expert and its router change under UOE', async () => {
    const report = await unlearnDomain(model, data, {
      forgetDomain: numbers,
      scope: 'uoe',
      objective: 'ga',
      steps: 3,
      restoreAfter: true,
    });
    const layer = model.moeLayers[report.target.layer];
    const expertParams =
      (layer.experts.w1.size + layer.experts.b1.size + layer.experts.w2.size + layer.experts.b2.size) /
      model.options.numExperts;
    const routerParams = layer.routerVariables.reduce((n, v) => n + v.size, 0);
    expect(report.touchedParams).toBeGreaterThan(0);
    expect(report.touchedParams).toBeLessThanOrEqual(expertParams + routerParams);
  });

  it('stops a diverging run and restores the model from before', async () => {
    const before = values();
    const report = await unlearnDomain(model, data, {
      forgetDomain: numbers,
      scope: 'full',
      objective: 'ga',
      steps: 30,
      learningRate: 1,
      maxLoss: 8,
    });
    expect(report.diverged).toBe(true);
    expect(report.stepsRun).toBeLessThan(30);
    expect(report.touchedParams).toBe(0);
    expect(values()).toEqual(before);
  });

  it('names bad input', async () => {
    await expect(unlearnDomain(model, data, { forgetDomain: 7, scope: 'uoe' })).rejects.toThrow(
      /domain 7 does not exist/,
    );
    const empty = {
      ...data,
      batches: data.batches.map((b, d) =>
        d === numbers
          ? { ...b, batchSize: 0, inputs: new Int32Array(0), targets: new Int32Array(0), domain: new Int32Array(0) }
          : b,
      ),
    };
    await expect(unlearnDomain(model, empty, { forgetDomain: numbers, scope: 'uoe' })).rejects.toThrow(
      /"numbers" has no tokens/,
    );
    const soft = tinyLm(corpus.vocab.length, { kind: 'soft', slotsPerExpert: 1 });
    await expect(unlearnDomain(soft, data, { forgetDomain: numbers, scope: 'uoe' })).rejects.toThrow(/routed experts/);
    soft.dispose();
  });
});
