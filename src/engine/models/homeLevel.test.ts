// HoME's self gate: with one own expert it is a sigmoid (a softmax over one expert would be constantly 1),
// with several a softmax over them; checked against hand-computed mixtures on a tiny level.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../util/random.ts';
import { createHomeLevel } from './homeLevel.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const options = (ownExperts: number) => {
  const experts = ownExperts + 1; // the last is shared
  return {
    inputOf: new Array<number>(experts).fill(0),
    gateInputOf: [0],
    visible: [new Array<boolean>(experts).fill(true)],
    inputDim: 3,
    hiddenDim: 4,
    outputDim: 2,
    expertNorm: false,
  };
};

/** The level's mixture with the self gate's weights set to `selfWeights`, minus the plain gate's mixture, and the expert outputs. */
function selfGateContribution(ownExperts: number, selfWeights: number[]) {
  const base = options(ownExperts);
  const selfVisible = [base.visible[0].map((_, e) => e < ownExperts)];
  const x = tf.tensor3d([
    [
      [1, 0.5, -0.2],
      [0.3, -1, 2],
    ],
  ]);
  const plain = createHomeLevel(base, createRng(7));
  const gated = createHomeLevel({ ...base, selfVisible }, createRng(7));
  // Same seed: same experts and main gate; the self gate is the next [1, 3, E] variable.
  const selfGate = gated.variables.filter((v) => v.shape.join() === `1,3,${ownExperts + 1}`)[1];
  selfGate.assign(tf.tensor3d(selfWeights, [1, 3, ownExperts + 1]));
  const a = plain.run(x);
  const b = gated.run(x);
  const difference = Array.from(tf.sub(b.mixed, a.mixed).dataSync());
  const outputs = Array.from(b.outputs.dataSync());
  return {
    difference,
    outputs,
    dispose: () =>
      tf.dispose([
        x,
        a.mixed,
        a.weights,
        a.hidden,
        a.outputs,
        b.mixed,
        b.weights,
        b.hidden,
        b.outputs,
        ...plain.variables,
        ...gated.variables,
      ]),
  };
}

describe('HoME self gate', () => {
  it('is a sigmoid over a single own expert: σ(logit) of it is added, not all of it', () => {
    for (const logit of [0, -3, 2]) {
      // Gate input row 0 is (1, 0.5, -0.2): a logit of `logit` for the own expert needs w·x = logit.
      const { difference, outputs, dispose } = selfGateContribution(1, [logit, 0, 0, 0, 0, 0]);
      const rowLogits = [logit * 1, logit * 0.3];
      rowLogits.forEach((z, row) => {
        const w = 1 / (1 + Math.exp(-z));
        for (let u = 0; u < 2; u++) expect(difference[row * 2 + u]).toBeCloseTo(w * outputs[row * 2 + u], 4);
      });
      dispose();
    }
  });

  it('is a softmax over several own experts and never weighs the shared one', () => {
    const { difference, outputs, dispose } = selfGateContribution(2, [1, 0, 0, 0, 0, 0, 0, 0, 0]);
    // Row 0's logits: 1 for own expert 0, 0 for own expert 1 (the shared expert is hidden).
    const w0 = Math.exp(1) / (Math.exp(1) + 1);
    const out = (e: number, row: number, u: number) => outputs[(e * 2 + row) * 2 + u];
    for (let u = 0; u < 2; u++) expect(difference[u]).toBeCloseTo(w0 * out(0, 0, u) + (1 - w0) * out(1, 0, u), 4);
    dispose();
  });
});
