import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMmoe } from '../models/mmoe.ts';
import { createRng } from '../util/random.ts';
import { buildHealthSnapshot } from './probe.ts';
import { healthFlags, layerHealth } from './stats.ts';

beforeAll(async () => {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
});

/** A 2-task, 2-expert MMoE with every weight set by hand, on three rows. */
function fixedMmoe() {
  const model = createMmoe(
    {
      inputDim: 2,
      numTasks: 2,
      numExperts: 2,
      expertHidden: 2,
      expertOutput: 1,
      towerHidden: 1,
      activation: 'relu',
      gate: 'softmax',
      k: 1,
      balanceWeight: 0,
      zLossWeight: 0,
    },
    createRng(1),
  );
  const [w1, b1, w2, b2] = model.shared;
  // Expert 0: hidden relu(x0 − x1, x1 − x0); expert 1: relu(−x0 − x1) twice (always zero on x ≥ 0).
  w1.assign(
    tf.tensor3d([
      [
        [1, -1],
        [-1, 1],
      ],
      [
        [-1, -1],
        [-1, -1],
      ],
    ]),
  );
  b1.assign(tf.zeros([2, 1, 2]));
  w2.assign(
    tf.tensor3d([
      [[1], [2]],
      [[1], [1]],
    ]),
  );
  b2.assign(tf.zeros([2, 1, 1]));
  // Gate logits: columns (task, expert) = (0,0), (0,1), (1,0), (1,1). Task 0 gives expert 0 the logit ln3·x0; task 1 is uniform.
  model.heads[0].assign(
    tf.tensor2d([
      [Math.log(3), 0, 0, 0],
      [0, 0, 0, 0],
    ]),
  );
  return model;
}

describe('expert health statistics', () => {
  it('zero-activation share, output spread and occupancy equal the hand-computed values', async () => {
    const model = fixedMmoe();
    const x = tf.tensor2d([
      [1, 0],
      [0, 1],
      [1, 1],
    ]);
    const [activity] = await model.expertActivity({ x });
    const layer = layerHealth(activity, 2);
    // Expert 0 hidden rows: (1,0), (0,1), (0,0) → 4 zeros of 6. Expert 1: all 6 zero.
    expect(Array.from(layer.zeroShare)).toEqual([4 / 6, 1].map((v) => Math.fround(v)));
    // Expert 0 outputs 1, 2, 0: mean 1, std √(2/3). Expert 1 outputs 0.
    expect(layer.outputMean[0]).toBeCloseTo(1, 6);
    expect(layer.outputStd[0]).toBeCloseTo(Math.sqrt(2 / 3), 6);
    expect(layer.outputStd[1]).toBe(0);
    // Task 0's gate: (¾, ¼), (½, ½), (¾, ¼) → mean (⅔, ⅓); task 1: (½, ½).
    expect(layer.gateWeight[0]).toBeCloseTo(2 / 3, 6);
    expect(layer.gateWeight[1]).toBeCloseTo(1 / 3, 6);
    expect(layer.gateWeight[2]).toBeCloseTo(0.5, 6);
    // Occupancy of expert 0: ⅔ / (⅔ + ½) = 4/7 from task 0; of expert 1: ⅓ / (⅓ + ½) = 2/5.
    expect(layer.occupancy[0]).toBeCloseTo(4 / 7, 6);
    expect(layer.occupancy[1]).toBeCloseTo(3 / 7, 6);
    expect(layer.occupancy[2]).toBeCloseTo(2 / 5, 6);
    // MMoE has no specific experts.
    expect(Number.isNaN(layer.specificWeight[0])).toBe(true);
    const event = buildHealthSnapshot([activity], 7, ['a', 'b'], Float32Array.of(0.5, 0.5));
    expect(event.flags.map((f) => [f.anomaly, f.expert])).toEqual([['collapse', 'e1']]);
    expect(event.flags[0].message).toBe('Expert collapse: expert "e1" has 100% zero activations (threshold 90%).');
    tf.dispose(x);
    model.dispose();
  });

  it('flags a shared expert one task occupies and a sparse task that ignores its own expert', () => {
    // Experts: a's own, b's own, sparse's own, shared. Gate weights [G=3, N=1, E=4].
    const gateWeights = Float32Array.from(
      [
        [0.5, 0, 0, 0.5],
        [0, 0.97, 0, 0.03],
        [0, 0, 0.05, 0.95 - 0.9], // the sparse task: own 5%, shared 5% (rows need not sum to 1 here)
      ].flat(),
    );
    const layer = layerHealth(
      {
        name: 'experts',
        expertNames: ['a own', 'b own', 'sparse own', 'shared'],
        owners: [[0], [1], [2], [0, 1, 2]],
        hidden: new Float32Array(4).fill(1),
        outputs: Float32Array.of(1, 2, 3, 4),
        outputDim: 1,
        gateWeights,
      },
      3,
    );
    // Shared expert: weights 0.5, 0.03, 0.05 → task a has 0.5 / 0.58 = 86%: under 90%, no degradation.
    expect(layer.occupancy[3 * 3]).toBeCloseTo(0.5 / 0.58, 5);
    const flags = healthFlags(layer, 0, ['a', 'b', 'sparse'], Float32Array.of(0.49, 0.49, 0.02));
    expect(flags.map((f) => f.anomaly)).toEqual(['underfitting']);
    expect(flags[0].task).toBe('sparse');
    // Own weight 5% against a uniform gate's ½ (own 1 of 2 visible experts): ratio 10%.
    expect(flags[0].value).toBeCloseTo(0.1, 5);
    // Raise task a's weight on the shared expert: now it occupies it.
    gateWeights[3] = 5;
    const degraded = layerHealth(
      {
        name: 'experts',
        expertNames: ['a own', 'b own', 'sparse own', 'shared'],
        owners: [[0], [1], [2], [0, 1, 2]],
        hidden: new Float32Array(4).fill(1),
        outputs: Float32Array.of(1, 2, 3, 4),
        outputDim: 1,
        gateWeights,
      },
      3,
    );
    const degradation = healthFlags(degraded, 0, ['a', 'b', 'sparse'], Float32Array.of(0.49, 0.49, 0.02)).find(
      (f) => f.anomaly === 'degradation',
    );
    expect(degradation?.expert).toBe('shared');
    expect(degradation?.task).toBe('a');
    expect(degradation?.message).toContain('gets 98% of its gate weight from task "a"');
  });
});
