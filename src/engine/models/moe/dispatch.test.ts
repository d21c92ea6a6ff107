import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectFromSlots, combineChoices, dispatchToSlots, type RowMover } from './dispatch.ts';
import { buildPlan } from './plan.ts';

beforeAll(async () => {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
});

// 3 tokens, k = 2, 2 experts; token 2's second choice (expert 0) is dropped.
const choices = { numTokens: 3, maxK: 2, experts: Int32Array.from([0, 1, 0, 1, 1, 0]), scores: new Float32Array(6) };
const plan = buildPlan(choices, Uint8Array.from([1, 1, 1, 1, 1, 0]), 2);

function roundTrip(mover: RowMover) {
  const x = tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2]);
  const gates = tf.tensor2d([0.6, 0.4, 0.7, 0.3, 0.2, 0.8], [3, 2]);
  const scale = tf.tensor2d([1, 2, 3, 4, 5, 6], [6, 1]); // stands in for the experts: slot s multiplies by s + 1
  const f = (input: tf.Tensor, g: tf.Tensor) => {
    const slots = dispatchToSlots(input as tf.Tensor2D, plan, mover);
    return combineChoices(collectFromSlots(tf.mul(slots, scale) as tf.Tensor2D, plan, mover), g as tf.Tensor2D, plan);
  };
  const y = tf.tidy(() => f(x, gates));
  const [dx, dg] = tf.grads(f)([x, gates]);
  const slots = dispatchToSlots(x, plan, mover);
  const out = {
    slots: Array.from(slots.dataSync()),
    y: Array.from(y.dataSync()),
    dx: Array.from(dx.dataSync()),
    dg: Array.from(dg.dataSync()),
  };
  tf.dispose([x, gates, scale, y, dx, dg, slots]);
  return out;
}

describe('row moves between tokens and expert slots', () => {
  it('match hand-computed values and gradients, with host copies and with tf.gather', () => {
    for (const mover of ['host', 'device'] as const) {
      const before = tf.memory().numTensors;
      const r = roundTrip(mover);
      expect(tf.memory().numTensors).toBe(before);
      // Expert 0 holds t0 and t1 (one empty slot), expert 1 holds t0, t1, t2; t2's choice of expert 0 was dropped.
      expect(plan.slots).toBe(3);
      expect(r.slots).toEqual([1, 2, 3, 4, 0, 0, 1, 2, 3, 4, 5, 6]);
      // y[t] = Σ_c G[t, e_c] · scale(slot of c) · x[t]: t0 = 0.6·1 + 0.4·4, t1 = 0.7·2 + 0.3·5, t2 = 0.8·6.
      const coef = [2.2, 2.9, 4.8];
      const x = [1, 2, 3, 4, 5, 6];
      r.y.forEach((v, i) => expect(v).toBeCloseTo(coef[Math.floor(i / 2)] * x[i], 4));
      r.dx.forEach((v, i) => expect(v).toBeCloseTo(coef[Math.floor(i / 2)], 4));
      // dG[t, e] = scale · Σ x[t] for kept choices, 0 for the dropped one.
      [3, 12, 14, 35, 0, 66].forEach((v, i) => expect(r.dg[i]).toBeCloseTo(v, 4));
    }
  });
});
