// The MoE LM's expert health: each domain's combine weight per expert by hand, and a short run of the
// LM streams health snapshots for every MoE layer (zero shares, spreads, load) with flags in words.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { HealthSnapshotEvent, RunEvent } from '../../protocol/index.ts';
import type { RoutingInfo } from '../models/moe/types.ts';
import { runExperiment } from '../run.ts';
import { domainGateWeights } from './lmActivity.ts';

beforeAll(async () => {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
});

describe('MoE LM expert health', () => {
  it("averages each domain's kept combine weights over its tokens", () => {
    // 3 tokens, top-2 of 3 experts: token 0 (domain 0) → e0 0.75, e2 0.25; token 1 (domain 1) → e1 0.5,
    // e2 0.5 with e2 dropped by capacity; token 2 (domain 1) → e1 1 (one real choice, padded).
    const routing = {
      numTokens: 3,
      numExperts: 3,
      maxK: 2,
      topIds: Int32Array.from([0, 2, 1, 2, 1, -1]),
      topWeights: Float32Array.from([0.75, 0.25, 0.5, 0.5, 1, 0]),
      kept: Uint8Array.from([1, 1, 1, 0, 1, 0]),
    } as RoutingInfo;
    const weights = domainGateWeights(routing, Int32Array.from([0, 1, 1]), 2);
    expect(Array.from(weights)).toEqual([0.75, 0, 0.25, 0, 0.75, 0]);
  });

  it('a short run emits health for each MoE layer with load, per-domain occupancy and worded flags', async () => {
    let health: HealthSnapshotEvent | undefined;
    const emit = (e: RunEvent) => void (e.type === 'snapshot' && e.kind === 'health' && (health = e));
    const before = tf.memory().numTensors;
    await runExperiment(
      {
        seed: 1,
        dataset: {
          kind: 'text',
          domains: ['prose', 'code', 'numbers'],
          windowLength: 12,
          numSamples: 60,
          texts: {
            prose: 'the cat sat on the mat. '.repeat(8),
            code: 'if (a) { b(); } '.repeat(8),
            numbers: '12+34=46; 7*8=56; '.repeat(8),
          },
        },
        model: {
          kind: 'moe-lm',
          dModel: 8,
          numHeads: 2,
          numLayers: 2,
          numExperts: 4,
          expertHidden: 8,
          router: 'topk',
          k: 2,
        },
        training: { steps: 4, batchSize: 6, learningRate: 0.01 },
      },
      { emit, keepBackend: true },
    );
    expect(tf.memory().numTensors).toBe(before);
    expect(health!.groupKind).toBe('domain');
    expect(health!.groupNames).toEqual(['prose', 'code', 'numbers']);
    expect(health!.layers.map((l) => l.name)).toEqual(['layer 1', 'layer 2']);
    for (const layer of health!.layers) {
      expect(layer.expertNames).toEqual(['e0', 'e1', 'e2', 'e3']);
      expect(layer.load!.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      // ReLU experts on every token: some exact zeros, never all of them for every expert.
      expect(Math.max(...layer.zeroShare)).toBeGreaterThan(0);
      expect(Math.min(...layer.zeroShare)).toBeLessThan(1);
      for (let e = 0; e < 4; e++)
        expect(
          [0, 1].some((v) => Math.abs(layer.occupancy.slice(e * 3, e * 3 + 3).reduce((a, b) => a + b, 0) - v) < 1e-5),
        ).toBe(true);
    }
    for (const flag of health!.flags) expect(flag.message).toMatch(/^Expert (collapse|degradation)/);
    expect(health!.flags.filter((f) => f.anomaly === 'degradation').every((f) => f.message.includes('domain "'))).toBe(
      true,
    );
  });
});
