// One level of HoME experts (arXiv 2408.05430 §4): a bank of experts, each reading one of the level's
// candidate inputs, and gates that may each see only some experts (the hierarchy mask). Optional per
// expert: a feature gate on its input, normalisation + Swish on each layer incl. the output; per gate: a self gate.
import * as tf from '@tensorflow/tfjs';
import { variableFrom } from './layers.ts';
import { createExpertBank, expertVariables, type ExpertBank } from './moe/experts.ts';
import { normalArray, type Rng } from '../util/random.ts';

export interface HomeLevelOptions {
  /** Per expert: which candidate input it reads. */
  inputOf: number[];
  /** Per gate: which candidate input it reads, and which experts it may weigh. */
  gateInputOf: number[];
  visible: boolean[][];
  /** Per gate (self gate): the experts of its residual mixture; absent = no self gate. */
  selfVisible?: boolean[][];
  inputDim: number;
  hiddenDim: number;
  outputDim: number;
  expertNorm: boolean;
  /** Hidden layers per expert (1: in → hidden → out). */
  depth?: number;
  featureGateRank?: number;
}

export interface HomeLevel {
  /**
   * Candidates [K, N, in] → gate outputs [G, N, out], each expert's share of each gate's mixture [G, N, E]
   * (gate + self-gate weight, normalised), the experts' last hidden layer [E, N, h] and outputs [E, N, out].
   */
  run(candidates: tf.Tensor3D): { mixed: tf.Tensor3D; weights: tf.Tensor3D; hidden: tf.Tensor3D; outputs: tf.Tensor3D };
  variables: tf.Variable[];
}

/** Rows [K, N, d] picked by `index` → [index.length, N, d], as a 0/1 matmul (its gradient needs no scatter kernel). */
function pick(candidates: tf.Tensor3D, index: number[]): tf.Tensor3D {
  const [k, n, d] = candidates.shape;
  const oneHot = tf.tensor2d(
    index.flatMap((i) => Array.from({ length: k }, (_, j) => (j === i ? 1 : 0))),
    [index.length, k],
  );
  return tf.reshape(tf.matMul(oneHot, tf.reshape(candidates, [k, n * d])), [index.length, n, d]);
}

/** Softmax over the visible experts only: hidden ones get exactly 0. */
function maskedSoftmax(logits: tf.Tensor3D, visible: boolean[][]): tf.Tensor3D {
  const [g, , e] = logits.shape;
  const penalty = tf.tensor3d(
    visible.flatMap((row) => row.map((v) => (v ? 0 : -1e9))),
    [g, 1, e],
  );
  return tf.softmax(tf.add(logits, penalty)) as tf.Tensor3D;
}

/**
 * HoME's self gate (arXiv 2408.05430 §4.3): a sigmoid on a gate that sees one expert (a softmax over one
 * expert is constantly 1, so it could not learn how much of the expert to add), a softmax over several.
 */
function selfGateWeights(logits: tf.Tensor3D, visible: boolean[][]): tf.Tensor3D {
  const [g, , e] = logits.shape;
  const single = visible.map((row) => (row.filter(Boolean).length === 1 ? 1 : 0));
  const sigmoidRows = tf.tensor3d(
    visible.flatMap((row, i) => row.map((v) => (v && single[i] ? 1 : 0))),
    [g, 1, e],
  );
  const softmaxRows = tf.tensor3d(
    single.map((s) => 1 - s),
    [g, 1, 1],
  );
  return tf.add(
    tf.mul(tf.sigmoid(logits), sigmoidRows),
    tf.mul(maskedSoftmax(logits, visible), softmaxRows),
  ) as tf.Tensor3D;
}

/** Σ_e weights[g, n, e] · outputs[e, n, :] → [G, N, out]. */
function mix(weights: tf.Tensor3D, outputs: tf.Tensor3D): tf.Tensor3D {
  return tf.transpose(
    tf.matMul(tf.transpose(weights, [1, 0, 2]), tf.transpose(outputs, [1, 0, 2])),
    [1, 0, 2],
  ) as tf.Tensor3D;
}

export function createHomeLevel(options: HomeLevelOptions, rng: Rng): HomeLevel {
  const e = options.inputOf.length;
  const g = options.gateInputOf.length;
  const { inputDim: d, hiddenDim: h } = options;
  const depth = options.depth ?? 1;
  const bank: ExpertBank = createExpertBank(
    {
      numExperts: e,
      inputDim: d,
      hiddenDim: h,
      outputDim: options.outputDim,
      activation: options.expertNorm ? 'swish' : 'relu',
      depth,
    },
    rng,
  );
  const gate = variableFrom(tf.tensor3d(normalArray(rng, g * d * e, 0.02), [g, d, e]));
  const selfGate = options.selfVisible
    ? variableFrom(tf.tensor3d(normalArray(rng, g * d * e, 0.02), [g, d, e]))
    : undefined;
  // Expert normalisation (batch statistics) on every hidden layer and on the expert's output, each
  // followed by Swish: the paper's Swish(Norm(MLP_E(v))), so all experts' outputs share one distribution.
  const normSizes = [...new Array<number>(depth).fill(h), options.outputDim];
  const norms = options.expertNorm
    ? normSizes.map((size) => ({
        gamma: variableFrom(tf.ones([e, 1, size])),
        beta: variableFrom(tf.zeros([e, 1, size])),
      }))
    : [];
  const r = options.featureGateRank;
  // B starts at zero, so every feature gate starts at 2·σ(0) = 1 (the plain input).
  const featureGate = r
    ? {
        a: variableFrom(tf.tensor3d(normalArray(rng, e * d * r, 1 / Math.sqrt(d)), [e, d, r])),
        b: variableFrom(tf.zeros([e, r, d])),
      }
    : undefined;

  /** One dense layer of all experts, normalised + Swish with expert normalisation, else ReLU (`last`: no activation). */
  const layer = (x: tf.Tensor3D, w: tf.Variable, b: tf.Variable, index: number, last = false) => {
    const pre = tf.add(tf.matMul(x, w as tf.Tensor3D), b) as tf.Tensor3D;
    const norm = norms[index];
    if (!norm) return last ? pre : (tf.relu(pre) as tf.Tensor3D);
    // Batch statistics in training and evaluation alike (the probe and validation batches are large).
    const { mean, variance } = tf.moments(pre, 1, true);
    const normed = tf.add(tf.mul(tf.div(tf.sub(pre, mean), tf.sqrt(tf.add(variance, 1e-5))), norm.gamma), norm.beta);
    return tf.mul(normed, tf.sigmoid(normed)) as tf.Tensor3D;
  };
  const runExperts = (inputs: tf.Tensor3D) => {
    let hidden = layer(inputs, bank.w1, bank.b1, 0);
    bank.deeper.forEach(({ w, b }, i) => (hidden = layer(hidden, w, b, i + 1)));
    return { hidden, outputs: layer(hidden, bank.w2, bank.b2, depth, true) };
  };

  return {
    run: (candidates) =>
      tf.tidy(() => {
        let inputs = pick(candidates, options.inputOf);
        if (featureGate)
          inputs = tf.mul(
            inputs,
            tf.mul(
              2,
              tf.sigmoid(tf.matMul(tf.matMul(inputs, featureGate.a as tf.Tensor3D), featureGate.b as tf.Tensor3D)),
            ),
          ) as tf.Tensor3D;
        const { hidden, outputs } = runExperts(inputs);
        const gateIn = pick(candidates, options.gateInputOf);
        const weights = maskedSoftmax(tf.matMul(gateIn, gate as tf.Tensor3D), options.visible);
        if (!selfGate) return { mixed: mix(weights, outputs), weights, hidden, outputs };
        // The self gate adds the task's own experts on top: each expert's weight in the task's mixture is
        // its gate weight plus its self-gate weight; the health view reads these as shares of the mixture.
        const total = tf.add(
          weights,
          selfGateWeights(tf.matMul(gateIn, selfGate as tf.Tensor3D), options.selfVisible!),
        ) as tf.Tensor3D;
        return {
          mixed: mix(total, outputs),
          weights: tf.div(total, tf.sum(total, 2, true)) as tf.Tensor3D,
          hidden,
          outputs,
        };
      }),
    variables: [
      ...expertVariables(bank),
      gate,
      ...(selfGate ? [selfGate] : []),
      ...norms.flatMap((n) => [n.gamma, n.beta]),
      ...(featureGate ? [featureGate.a, featureGate.b] : []),
    ],
  };
}
