// A bank of E feed-forward experts stored as stacked weights (one variable per role, not E layers),
// so all experts run in one batched matmul: in → hidden (→ hidden … for depth > 1) → out.
import * as tf from '@tensorflow/tfjs';
import { expertMatMul } from '../fastMatMul.ts';
import { activate, variableFrom, type Activation } from '../layers.ts';
import { normalArray, type Rng } from '../../util/random.ts';

export interface ExpertBank {
  numExperts: number;
  inputDim: number;
  hiddenDim: number;
  outputDim: number;
  activation: Activation;
  w1: tf.Variable; // [E, in, hidden]
  b1: tf.Variable; // [E, 1, hidden]
  w2: tf.Variable; // [E, hidden, out]
  b2: tf.Variable; // [E, 1, out]
  /** Hidden → hidden layers after the first (depth − 1 of them; none at depth 1). */
  deeper: { w: tf.Variable; b: tf.Variable }[]; // w [E, hidden, hidden], b [E, 1, hidden]
}

export interface ExpertBankOptions {
  numExperts: number;
  inputDim: number;
  hiddenDim: number;
  outputDim: number;
  activation?: Activation;
  /** Hidden layers per expert; 1 (the default) is the two-layer MLP. */
  depth?: number;
}

export function createExpertBank(options: ExpertBankOptions, rng: Rng): ExpertBank {
  const { numExperts: e, inputDim, hiddenDim, outputDim } = options;
  const init = (rows: number, cols: number) =>
    tf.tensor3d(normalArray(rng, e * rows * cols, Math.sqrt(2 / rows)), [e, rows, cols]);
  const w1 = variableFrom(init(inputDim, hiddenDim));
  const b1 = variableFrom(tf.zeros([e, 1, hiddenDim]));
  const w2 = variableFrom(init(hiddenDim, outputDim));
  const b2 = variableFrom(tf.zeros([e, 1, outputDim]));
  // Drawn after w2, so depth 1 draws exactly what the two-layer bank always drew (same numbers).
  const deeper = Array.from({ length: (options.depth ?? 1) - 1 }, () => ({
    w: variableFrom(init(hiddenDim, hiddenDim)),
    b: variableFrom(tf.zeros([e, 1, hiddenDim])),
  }));
  return { ...options, activation: options.activation ?? 'relu', w1, b1, w2, b2, deeper };
}

/** In the order of the PyTorch export's ExpertBank.parameters() (w1, b1, w2, b2, deeper weights, deeper biases). */
export const expertVariables = (bank: ExpertBank) => [
  bank.w1,
  bank.b1,
  bank.w2,
  bank.b2,
  ...bank.deeper.map((l) => l.w),
  ...bank.deeper.map((l) => l.b),
];

/** Each expert on its own rows: [E, R, in] → [E, R, out]. */
export function runExperts(bank: ExpertBank, inputs: tf.Tensor3D): tf.Tensor3D {
  return tf.tidy(() => runExpertsWithHidden(bank, inputs).out);
}

/** Like runExperts, also returning the last hidden activations [E, R, hidden] (expert health reads their zeros). */
export function runExpertsWithHidden(bank: ExpertBank, inputs: tf.Tensor3D): { hidden: tf.Tensor3D; out: tf.Tensor3D } {
  return tf.tidy(() => {
    const [e, rows] = inputs.shape;
    const layer = (x: tf.Tensor3D, w: tf.Variable, b: tf.Variable) => {
      const pre = tf.add(expertMatMul(x, w), b);
      return tf.reshape(activate(tf.reshape(pre, [e * rows, bank.hiddenDim]), bank.activation), [
        e,
        rows,
        bank.hiddenDim,
      ]) as tf.Tensor3D;
    };
    let hidden = layer(inputs, bank.w1, bank.b1);
    for (const { w, b } of bank.deeper) hidden = layer(hidden, w, b);
    const out = tf.add(expertMatMul(hidden, bank.w2), bank.b2) as tf.Tensor3D;
    return { hidden, out };
  });
}

/** Every expert on every row: [N, in] → [E, N, out] (the dense reference's cost, E·N rows). */
export function runAllExperts(bank: ExpertBank, x: tf.Tensor2D): tf.Tensor3D {
  return tf.tidy(() =>
    runExperts(bank, tf.broadcastTo(tf.expandDims(x, 0), [bank.numExperts, ...x.shape]) as tf.Tensor3D),
  );
}
