// A layerwise recurrent router (ALGORITHMS.md Part 2 §3.11; "Layerwise Recurrent Router for MoE",
// arXiv 2408.06793): one GRU, shared by all layers, carries a small routing state r across the depth
// of the network. r_l = GRU(Proj_l(x_l), r_{l−1}) with r_{−1} = 0, and layer l's logits are W_l r_l, so
// each layer's choice can depend on what earlier layers chose for the same token.
import * as tf from '@tensorflow/tfjs';
import { normalArray, type Rng } from '../../util/random.ts';
import { variableFrom } from '../layers.ts';

export interface RecurrentRouterOptions {
  inputDim: number;
  /** Width of the routing state r and of each projected input. */
  stateDim: number;
  numLayers: number;
  numExperts: number;
}

export interface RecurrentRouter {
  options: RecurrentRouterOptions;
  variables: tf.Variable[];
  /** Layer `layer`'s logits [N, E] and the next state [N, stateDim] (pass null as the first state). */
  step(layer: number, x: tf.Tensor2D, state: tf.Tensor2D | null): { logits: tf.Tensor2D; state: tf.Tensor2D };
  dispose(): void;
}

export function createRecurrentRouter(options: RecurrentRouterOptions, rng: Rng): RecurrentRouter {
  const { inputDim, stateDim: s, numLayers, numExperts } = options;
  const matrix = (rows: number, cols: number, std: number) =>
    variableFrom(tf.tensor2d(normalArray(rng, rows * cols, std), [rows, cols]));
  const projections = Array.from({ length: numLayers }, () => matrix(inputDim, s, 1 / Math.sqrt(inputDim)));
  // Update gate, reset gate and candidate stacked side by side: input part [s, 3s], state part [s, 3s].
  const inputGates = matrix(s, 3 * s, 1 / Math.sqrt(s));
  const stateGates = matrix(s, 3 * s, 1 / Math.sqrt(s));
  const gateBias = variableFrom(tf.zeros([3 * s]));
  // Small output init (std 0.02, as for ordinary routers) keeps early routing near uniform.
  const heads = Array.from({ length: numLayers }, () => matrix(s, numExperts, 0.02));
  const variables = [...projections, inputGates, stateGates, gateBias, ...heads];

  return {
    options,
    variables,
    step(layer, x, state) {
      return tf.tidy(() => {
        const n = x.shape[0];
        const prev = state ?? (tf.zeros([n, s]) as tf.Tensor2D);
        const u = tf.matMul(x, projections[layer] as tf.Tensor2D);
        const fromInput = tf.add(tf.matMul(u, inputGates as tf.Tensor2D), gateBias);
        const fromState = tf.matMul(prev, stateGates as tf.Tensor2D);
        const part = (t: tf.Tensor, i: number) => tf.slice(t, [0, i * s], [n, s]);
        const update = tf.sigmoid(tf.add(part(fromInput, 0), part(fromState, 0)));
        const reset = tf.sigmoid(tf.add(part(fromInput, 1), part(fromState, 1)));
        // Standard GRU candidate: the reset gate scales the state's contribution.
        const candidate = tf.tanh(tf.add(part(fromInput, 2), tf.mul(reset, part(fromState, 2))));
        const next = tf.add(tf.mul(tf.sub(1, update), candidate), tf.mul(update, prev)) as tf.Tensor2D;
        return { logits: tf.matMul(next, heads[layer] as tf.Tensor2D) as tf.Tensor2D, state: next };
      });
    },
    dispose: () => tf.dispose(variables),
  };
}
