// Small building blocks over raw tf variables. Models keep their variables explicit (rather
// than tf.layers) because affinity and routing code need gradients of named parameter groups.
import * as tf from '@tensorflow/tfjs';
import { normalArray, type Rng } from '../util/random.ts';
import { denseLinear, denseRelu } from './fastMatMul.ts';

/** 'swish' (x·σ(x)) is HoME's expert activation; specs offer the other three. */
export type Activation = 'relu' | 'tanh' | 'gelu' | 'swish';

export interface Dense {
  kernel: tf.Variable; // [in, out]
  bias: tf.Variable; // [out]
}

/**
 * A trainable variable holding `initial`, which is released (tf.variable keeps its own reference).
 * Unnamed on purpose: tfjs names must be unique, and several models may live at once.
 */
export function variableFrom(initial: tf.Tensor): tf.Variable {
  const variable = tf.variable(initial, true);
  initial.dispose();
  return variable;
}

/** He-style initialisation drawn from our own seeded Rng, so it is identical on every backend. */
export function createDense(rng: Rng, inputs: number, outputs: number): Dense {
  const std = Math.sqrt(2 / inputs);
  return {
    kernel: variableFrom(tf.tensor2d(normalArray(rng, inputs * outputs, std), [inputs, outputs])),
    bias: variableFrom(tf.zeros([outputs])),
  };
}

/** A dense layer on a [batch, in] input, then `activation` (none when omitted; ReLU is fused in). */
export function applyDense(layer: Dense, x: tf.Tensor2D, activation?: Activation): tf.Tensor2D {
  if (activation === 'relu') return denseRelu(x, layer.kernel, layer.bias) as tf.Tensor2D;
  const linear = denseLinear(x, layer.kernel, layer.bias) as tf.Tensor2D;
  return activation ? activate(linear, activation) : linear;
}

export function activate(x: tf.Tensor2D, activation: Activation): tf.Tensor2D {
  switch (activation) {
    case 'relu':
      return tf.relu(x);
    case 'tanh':
      return tf.tanh(x);
    case 'swish':
      return tf.mul(x, tf.sigmoid(x));
    case 'gelu':
      // tanh approximation; tfjs has no fused gelu op on every backend.
      return tf.mul(
        tf.mul(x, 0.5),
        tf.add(1, tf.tanh(tf.mul(tf.add(x, tf.mul(tf.pow(x, 3), 0.044715)), Math.sqrt(2 / Math.PI)))),
      );
  }
}

export const denseVariables = (layer: Dense) => [layer.kernel, layer.bias];

export const countParams = (variables: tf.Variable[]) => variables.reduce((sum, v) => sum + v.size, 0);
