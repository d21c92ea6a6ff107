import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSharedBottom } from '../models/sharedBottom.ts';
import { createRng, normalArray } from '../util/random.ts';
import { firstOrderLookahead, lookaheadAffinity, symmetrise } from './lookahead.ts';
import { createLinearTrunkModel, makeBatch } from './testing.ts';

beforeAll(async () => {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
});

function randomRows(seed: number, rows: number, cols: number): number[][] {
  const values = normalArray(createRng(seed), rows * cols);
  return Array.from({ length: rows }, (_, r) => Array.from(values.subarray(r * cols, (r + 1) * cols)));
}

describe('lookahead affinity (TAG)', () => {
  it('T1: identical tasks give identical self and cross affinity', async () => {
    const model = createSharedBottom({ inputDim: 4, hidden: [8], numTasks: 2, activation: 'tanh' }, createRng(3));
    // Make both heads the same, so the two tasks are the same function with the same labels.
    const [kernel] = model.heads;
    kernel.assign(tf.tidy(() => tf.tile(tf.slice(kernel, [0, 0], [-1, 1]), [1, 2])));
    const x = randomRows(1, 16, 4);
    const target = randomRows(2, 16, 1).map((r) => [r[0], r[0]]);
    const batch = makeBatch(x, target);
    const z = await (await lookaheadAffinity(model, batch, 0.05)).array();
    expect(Math.abs(z[0][1] - z[0][0])).toBeLessThan(1e-5);
    expect(Math.abs(z[1][0] - z[1][1])).toBeLessThan(1e-5);
    expect(Math.abs(z[0][1] - z[1][1])).toBeLessThan(1e-5);
    expect(z[0][0]).toBeGreaterThan(0);
    tf.dispose(Object.values(batch));
    model.dispose();
  });

  it('T2: opposed regression tasks interfere (Z[1→2] < 0 < Z[1→1])', async () => {
    const model = createLinearTrunkModel([0, 0, 0], [1, 1]);
    const x = randomRows(4, 32, 3);
    const y = x.map((row) => row[0] - 2 * row[1] + 0.5 * row[2]);
    const batch = makeBatch(
      x,
      y.map((v) => [v, -v]),
    );
    const z = await (await lookaheadAffinity(model, batch, 0.05)).array();
    expect(z[0][0]).toBeGreaterThan(0);
    expect(z[0][1]).toBeLessThan(0);
    expect(z[1][0]).toBeLessThan(0);
    tf.dispose(Object.values(batch));
    model.dispose();
  });

  it('T3: for small η it matches the first-order value η⟨g_i,g_j⟩/L_j within 1%', async () => {
    const model = createSharedBottom({ inputDim: 4, hidden: [8], numTasks: 3, activation: 'tanh' }, createRng(7));
    const batch = makeBatch(randomRows(5, 32, 4), randomRows(6, 32, 3));
    const eta = 1e-3;
    const z = (await (await lookaheadAffinity(model, batch, eta)).data()) as Float32Array;
    const first = (await firstOrderLookahead(model, batch, eta).data()) as Float32Array;
    let diff = 0;
    let norm = 0;
    for (let k = 0; k < z.length; k++) {
      diff += (z[k] - first[k]) ** 2;
      norm += first[k] ** 2;
    }
    expect(norm).toBeGreaterThan(0);
    expect(Math.sqrt(diff / norm)).toBeLessThan(0.01);
    tf.dispose(Object.values(batch));
    model.dispose();
  });

  it('leaves the parameters as they were and leaks no tensors', async () => {
    const model = createSharedBottom({ inputDim: 4, hidden: [8], numTasks: 2, activation: 'relu' }, createRng(9));
    const batch = makeBatch(randomRows(1, 8, 4), randomRows(2, 8, 2));
    const before = await model.shared[0].data();
    (await lookaheadAffinity(model, batch, 0.1)).dispose();
    const tensors = tf.memory().numTensors;
    for (let k = 0; k < 3; k++) (await lookaheadAffinity(model, batch, 0.1)).dispose();
    expect(tf.memory().numTensors).toBe(tensors);
    expect(Array.from(await model.shared[0].data())).toEqual(Array.from(before));
    tf.dispose(Object.values(batch));
    model.dispose();
  });

  it('symmetrise averages a matrix with its transpose', () => {
    expect(Array.from(symmetrise([1, 2, 4, 3], 2))).toEqual([1, 3, 3, 3]);
  });
});
