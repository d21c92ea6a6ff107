import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { transferablesOf, type RoutingSnapshotEvent, type RunEvent } from '../../protocol/index.ts';
import { runExperiment } from '../run.ts';
import { useCpuBackend } from '../testing/setup.ts';

beforeAll(useCpuBackend);

async function routingSnapshots(spec: unknown): Promise<{ snapshots: RoutingSnapshotEvent[]; events: RunEvent[] }> {
  const events: RunEvent[] = [];
  await runExperiment(spec, { emit: (e) => events.push(e), keepBackend: true });
  const snapshots = events.filter((e): e is RoutingSnapshotEvent => e.type === 'snapshot' && e.kind === 'routing');
  return { snapshots, events };
}

describe('live routing snapshots in runExperiment', () => {
  it('MMoE: one gate layer with a task × expert usage matrix, ending with a snapshot at the last step', async () => {
    const before = tf.memory().numTensors;
    const { snapshots } = await routingSnapshots({
      dataset: { kind: 'planted', numTasks: 3, numGroups: 1, inputDim: 4, numSamples: 64 },
      model: { kind: 'mmoe', numExperts: 3, expertHidden: 4, expertOutput: 4, towerHidden: 4 },
      training: { steps: 5, batchSize: 16 },
    });
    expect(tf.memory().numTensors).toBe(before);
    const last = snapshots.at(-1)!;
    expect(last.step).toBe(5);
    expect(last.layers).toHaveLength(1);
    expect(last.layers[0].usage).toHaveLength(3 * 3);
    expect(last.groupNames).toHaveLength(3);
    expect(last.expertNames).toEqual(['e0', 'e1', 'e2']);
    const rowSums = [0, 1, 2].map((t) => last.layers[0].usage.subarray(t * 3, t * 3 + 3).reduce((a, b) => a + b, 0));
    rowSums.forEach((s) => expect(s).toBeCloseTo(1, 5));
  });

  it('MoE LM on inline text: per-layer SRP/SCH, inter-layer affinity and a token sample; buffers transfer', async () => {
    const before = tf.memory().numTensors;
    const { snapshots, events } = await routingSnapshots({
      dataset: {
        kind: 'text',
        domains: ['a', 'b'],
        texts: { a: 'abcabcabcabc '.repeat(10), b: '0123456789 '.repeat(10) },
        windowLength: 8,
        numSamples: 32,
      },
      model: { kind: 'moe-lm', dModel: 8, numHeads: 2, numLayers: 2, numExperts: 4, expertHidden: 8, k: 2 },
      training: { steps: 3, batchSize: 8 },
    });
    expect(tf.memory().numTensors).toBe(before);
    const started = events.find((e) => e.type === 'started');
    expect(started).toMatchObject({ taskNames: ['a', 'b'], scoreName: 'exp(−CE)' });
    const last = snapshots.at(-1)!;
    expect(last).toMatchObject({ groupKind: 'domain', groupNames: ['a', 'b'], numExperts: 4, segments: [2, 4, 8] });
    expect(last.layers).toHaveLength(2);
    expect(last.layers[0].srp).toHaveLength(3);
    expect(last.layers[0].sch).toHaveLength(3 * 4);
    expect(last.interLayer).toHaveLength(16);
    expect(last.sample!.texts).toHaveLength(2);
    expect(last.sample!.topExpert).toHaveLength(2 * 2 * 8);
    // k = 2 without capacity: every token uses 2 experts, so loads sum to 1 and nothing drops
    expect(last.layers[0].load.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(last.layers[0].dropRate).toBe(0);
    const copy = structuredClone(last, { transfer: transferablesOf(last) as Transferable[] });
    expect(copy.layers[1].usage).toHaveLength(2 * 4);
    const done = events.at(-1)!;
    expect(done.type).toBe('done');
  });

  it('a text dataset whose domain is not loaded is a readable error', async () => {
    await expect(
      runExperiment(
        { dataset: { kind: 'text', domains: ['prose'] }, model: { kind: 'moe-lm' } },
        { emit: () => {}, keepBackend: true },
      ),
    ).rejects.toThrow(/"prose" is not loaded/);
  });

  it('a moe-lm model needs a text dataset', async () => {
    await expect(runExperiment({ model: { kind: 'moe-lm' } }, { emit: () => {}, keepBackend: true })).rejects.toThrow(
      /model.kind: the moe-lm model needs a text dataset/,
    );
  });
});
