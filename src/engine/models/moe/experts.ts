// A bank of E two-layer feed-forward experts stored as stacked weights (one variable per role,
// not E layers), so all experts run in one batched matmul: in → hidden → out.
import * as tf from '@tensorflow/tfjs';
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
}

export interface ExpertBankOptions {
  numExperts: number;
  inputDim: number;
  hiddenDim: number;
  outputDim: number;
  activation?: Activation;
}

export function createExpertBank(options: ExpertBankOptions, rng: Rng): ExpertBank {
  const { numExperts: e, inputDim, hiddenDim, outputDim } = options;
  const init = (rows: number, cols: number) => tf.tensor3d(normalArray(rng, e * rows * cols, Math.sqrt(2 / rows)), [e, rows, cols]);
  return {
    ...options,
    activation: options.activation ?? 'relu',
    w1: variableFrom(init(inputDim, hiddenDim)),
    b1: variableFrom(tf.zeros([e, 1, hiddenDim])),
    w2: variableFrom(init(hiddenDim, outputDim)),
    b2: variableFrom(tf.zeros([e, 1, outputDim])),
  };
}

export const expertVariables = (bank: ExpertBank) => [bank.w1, bank.b1, bank.w2, bank.b2];

/** Each expert on its own rows: [E, R, in] → [E, R, out]. */
export function runExperts(bank: ExpertBank, inputs: tf.Tensor3D): tf.Tensor3D {
  return tf.tidy(() => runExpertsWithHidden(bank, inputs).out);
}

/** Like runExperts, also returning the hidden activations [E, R, hidden] (expert health reads their zeros). */
export function runExpertsWithHidden(bank: ExpertBank, inputs: tf.Tensor3D): { hidden: tf.Tensor3D; out: tf.Tensor3D } {
  return tf.tidy(() => {
    const [e, rows] = inputs.shape;
    const pre = tf.add(tf.matMul(inputs, bank.w1 as tf.Tensor3D), bank.b1);
    const hidden = tf.reshape(activate(tf.reshape(pre, [e * rows, bank.hiddenDim]), bank.activation), [e, rows, bank.hiddenDim]) as tf.Tensor3D;
    const out = tf.add(tf.matMul(hidden, bank.w2 as tf.Tensor3D), bank.b2) as tf.Tensor3D;
    return { hidden, out };
  });
}

/** Every expert on every row: [N, in] → [E, N, out] (the dense reference's cost, E·N rows). */
export function runAllExperts(bank: ExpertBank, x: tf.Tensor2D): tf.Tensor3D {
  return tf.tidy(() => runExperts(bank, tf.broadcastTo(tf.expandDims(x, 0), [bank.numExperts, ...x.shape]) as tf.Tensor3D));
}
