import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { JobProgress } from '../../protocol/jobs.ts';
import { ExperimentSpec, type ExperimentSpecInput } from '../../protocol/index.ts';
import { makeTextDataset } from '../data/text.ts';
import { useCpuBackend } from '../testing/setup.ts';
import { knockoutJob } from './knockout.ts';
import { unlearnJob } from './unlearn.ts';

beforeAll(useCpuBackend);

const texts = {
  letters: 'abcab cabca bcabc acbac bacba '.repeat(8),
  symbols: 'xyz;x yzxy; zyx;z xzy;y '.repeat(8),
  digits: '0120 1201 2012 0211 1020 '.repeat(8),
};

const lmSpec = (model: Record<string, unknown> = {}, dataset: Record<string, unknown> = {}) =>
  ExperimentSpec.parse({
    seed: 4,
    backend: 'cpu',
    dataset: { kind: 'text', domains: Object.keys(texts), texts, windowLength: 12, numSamples: 96, ...dataset },
    model: {
      kind: 'moe-lm',
      dModel: 16,
      numHeads: 2,
      numLayers: 2,
      numExperts: 4,
      expertHidden: 16,
      router: 'topk',
      k: 1,
      ...model,
    },
    training: { steps: 20, batchSize: 12, learningRate: 0.02, validationFraction: 0.1 },
  } satisfies ExperimentSpecInput);

function context<K extends 'unlearn' | 'knockout'>(updates: JobProgress[K][] = []) {
  return { signal: new AbortController().signal, progress: (update: JobProgress[K]) => updates.push(update) };
}

describe('unlearn job', () => {
  it('retrains the run, then reports UOE, UOE + retain anchor and the full-model baseline from the same weights', async () => {
    const tensors = tf.memory().numTensors;
    const updates: JobProgress['unlearn'][] = [];
    const result = await unlearnJob(
      { spec: lmSpec(), unlearn: { forget: 'digits', steps: 6, learningRate: 0.01 } },
      context<'unlearn'>(updates),
    );
    expect(tf.memory().numTensors).toBe(tensors);
    expect(result.domains).toEqual(['letters', 'symbols', 'digits']);
    expect(updates.some((u) => u.phase === 'training')).toBe(true);
    expect(updates.filter((u) => u.phase === 'unlearning' && u.scope === 'uoe')).toHaveLength(6);
    expect(updates.filter((u) => u.phase === 'unlearning' && u.scope === 'uoe-retain')).toHaveLength(6);
    expect(updates.filter((u) => u.phase === 'unlearning' && u.scope === 'full')).toHaveLength(6);
    for (const method of [result.uoe, result.uoeRetain, result.full]) {
      expect(method.diverged).toBe(false);
      expect(method.forgetCurve).toHaveLength(7);
      expect(method.forgetCurve[0]).toBeCloseTo(method.forgetLoss.before, 5);
      expect(method.forgetCurve[6]).toBe(method.forgetLoss.after);
      expect(method.retainLoss.map((r) => r.domain)).toEqual(['letters', 'symbols']);
      expect(method.selectionBefore).toHaveLength(3);
      expect(method.selectionBefore[0]).toHaveLength(2);
      expect(method.selectionBefore[0][0]).toHaveLength(4);
    }
    // Same starting weights: identical "before" figures.
    expect(result.full.forgetLoss.before).toBe(result.uoe.forgetLoss.before);
    expect(result.full.selectionBefore).toEqual(result.uoe.selectionBefore);
    expect(result.uoeRetain.forgetLoss.before).toBe(result.uoe.forgetLoss.before);
    expect(result.uoe.touchedFraction).toBeLessThan(result.full.touchedFraction);
    // The retain anchor trains the same expert and router as UOE: a small share of the parameters.
    expect(result.uoeRetain.touchedFraction).toBeLessThan(result.full.touchedFraction);
    expect(result.attribution[result.target.layer][result.target.expert]).toBe(Math.max(...result.attribution.flat()));
  }, 60_000);

  it('surfaces a diverging run: stopped, model restored, nothing touched', async () => {
    const result = await unlearnJob(
      { spec: lmSpec(), unlearn: { forget: 'letters', objective: 'ga', steps: 30, learningRate: 1, maxLoss: 6 } },
      context<'unlearn'>(),
    );
    expect(result.full.diverged).toBe(true);
    expect(result.full.stepsRun).toBeLessThan(30);
    expect(result.full.touchedParams).toBe(0);
    expect(result.full.forgetLoss.after).toBe(result.full.forgetLoss.before);
    expect(result.maxLoss).toBe(6);
  }, 60_000);

  it('names bad input: no such domain, a domain with no tokens, models without routed experts', async () => {
    await expect(unlearnJob({ spec: lmSpec(), unlearn: { forget: 'poetry' } }, context<'unlearn'>())).rejects.toThrow(
      /no domain named "poetry"/,
    );
    // Eight windows over ten domains: some domain gets none.
    const many = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`d${i}`, `${i}ab${i}ba`.repeat(10)]));
    const sparse = lmSpec({}, { domains: Object.keys(many), texts: many, numSamples: 8 });
    if (sparse.dataset.kind !== 'text') throw new Error('text dataset expected');
    const windows = makeTextDataset(sparse.dataset, sparse.seed).fields.domain.values;
    const unseen = Object.keys(many).find((_, d) => !windows.includes(d))!;
    expect(unseen).toBeDefined();
    await expect(unlearnJob({ spec: sparse, unlearn: { forget: unseen } }, context<'unlearn'>())).rejects.toThrow(
      new RegExp(`"${unseen}" has no tokens`),
    );
    await expect(
      unlearnJob({ spec: lmSpec({ router: 'soft' }), unlearn: { forget: 'digits' } }, context<'unlearn'>()),
    ).rejects.toThrow(/no routed experts/);
    await expect(
      unlearnJob({ spec: lmSpec({ numExperts: 1 }), unlearn: { forget: 'digits' } }, context<'unlearn'>()),
    ).rejects.toThrow(/single expert/);
    const planted = ExperimentSpec.parse({ backend: 'cpu' });
    await expect(knockoutJob({ spec: planted, knockout: {} }, context<'knockout'>())).rejects.toThrow(
      /model is shared-bottom/,
    );
  }, 60_000);
});

describe('knockout job', () => {
  it('gives one Δloss row per picked expert and one for the set, the same on a second copy', async () => {
    const experts = [
      { layer: 0, expert: 1 },
      { layer: 1, expert: 3 },
    ];
    const updates: JobProgress['knockout'][] = [];
    const first = await knockoutJob({ spec: lmSpec(), knockout: { experts } }, context<'knockout'>(updates));
    expect(first.rows.map((r) => r.label)).toEqual(['layer 0 · e1', 'layer 1 · e3', 'all 2 together']);
    expect(first.rows.every((r) => r.delta.length === 3 && r.delta.every(Number.isFinite))).toBe(true);
    expect(updates.at(-1)).toEqual({ phase: 'knockout', done: 3, total: 3 });
    // The copy is retrained from the seed: the same model, so the same numbers.
    const second = await knockoutJob({ spec: lmSpec(), knockout: { experts } }, context<'knockout'>());
    expect(second.baseline).toEqual(first.baseline);
    expect(second.rows).toEqual(first.rows);
    const every = await knockoutJob({ spec: lmSpec(), knockout: {} }, context<'knockout'>());
    expect(every.rows).toHaveLength(2 * 4 + 1);
    await expect(
      knockoutJob({ spec: lmSpec(), knockout: { experts: [{ layer: 2, expert: 0 }] } }, context<'knockout'>()),
    ).rejects.toThrow(/layer 2 does not exist/);
  }, 90_000);
});
