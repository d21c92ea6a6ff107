// One level of HoME experts (arXiv 2408.05430 §4): a bank of experts, each reading one of the level's
// candidate inputs, and gates that may each see only some experts (the hierarchy mask). Optional per
// expert: a feature gate on its input, normalisation + Swish in its hidden layer.
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
  featureGateRank?: number;
}

export interface HomeLevel {
  /** Candidates [K, N, in] → gate outputs [G, N, out], gate weights [G, N, E], expert hidden [E, N, h] and outputs [E, N, out]. */
  run(candidates: tf.Tensor3D): { mixed: tf.Tensor3D; weights: tf.Tensor3D; hidden: tf.Tensor3D; outputs: tf.Tensor3D };
  variables: tf.Variable[];
}

/** Rows [K, N, d] picked by `index` → [index.length, N, d], as a 0/1 matmul (its gradient needs no scatter kernel). */
function pick(candidates: tf.Tensor3D, index: number[]): tf.Tensor3D {
  const [k, n, d] = candidates.shape;
  const oneHot = tf.tensor2d(index.flatMap((i) => Array.from({ length: k }, (_, j) => (j === i ? 1 : 0))), [index.length, k]);
  return tf.reshape(tf.matMul(oneHot, tf.reshape(candidates, [k, n * d])), [index.length, n, d]);
}

/** Softmax over the visible experts only: hidden ones get exactly 0. */
function maskedSoftmax(logits: tf.Tensor3D, visible: boolean[][]): tf.Tensor3D {
  const [g, , e] = logits.shape;
  const penalty = tf.tensor3d(visible.flatMap((row) => row.map((v) => (v ? 0 : -1e9))), [g, 1, e]);
  return tf.softmax(tf.add(logits, penalty)) as tf.Tensor3D;
}

/**
 * HoME's self gate (arXiv 2408.05430 §4.3): a sigmoid on a gate that sees one expert (a softmax over one
 * expert is constantly 1, so it could not learn how much of the expert to add), a softmax over several.
 */
function selfGateWeights(logits: tf.Tensor3D, visible: boolean[][]): tf.Tensor3D {
  const [g, , e] = logits.shape;
  const single = visible.map((row) => (row.filter(Boolean).length === 1 ? 1 : 0));
  const sigmoidRows = tf.tensor3d(visible.flatMap((row, i) => row.map((v) => (v && single[i] ? 1 : 0))), [g, 1, e]);
  const softmaxRows = tf.tensor3d(single.map((s) => 1 - s), [g, 1, 1]);
  return tf.add(tf.mul(tf.sigmoid(logits), sigmoidRows), tf.mul(maskedSoftmax(logits, visible), softmaxRows)) as tf.Tensor3D;
}

/** Σ_e weights[g, n, e] · outputs[e, n, :] → [G, N, out]. */
function mix(weights: tf.Tensor3D, outputs: tf.Tensor3D): tf.Tensor3D {
  return tf.transpose(tf.matMul(tf.transpose(weights, [1, 0, 2]), tf.transpose(outputs, [1, 0, 2])), [1, 0, 2]) as tf.Tensor3D;
}

export function createHomeLevel(options: HomeLevelOptions, rng: Rng): HomeLevel {
  const e = options.inputOf.length;
  const g = options.gateInputOf.length;
  const { inputDim: d, hiddenDim: h } = options;
  const bank: ExpertBank = createExpertBank({ numExperts: e, inputDim: d, hiddenDim: h, outputDim: options.outputDim, activation: options.expertNorm ? 'swish' : 'relu' }, rng);
  const gate = variableFrom(tf.tensor3d(normalArray(rng, g * d * e, 0.02), [g, d, e]));
  const selfGate = options.selfVisible ? variableFrom(tf.tensor3d(normalArray(rng, g * d * e, 0.02), [g, d, e])) : undefined;
  const norm = options.expertNorm ? { gamma: variableFrom(tf.ones([e, 1, h])), beta: variableFrom(tf.zeros([e, 1, h])) } : undefined;
  const r = options.featureGateRank;
  // B starts at zero, so every feature gate starts at 2·σ(0) = 1 (the plain input).
  const featureGate = r ? { a: variableFrom(tf.tensor3d(normalArray(rng, e * d * r, 1 / Math.sqrt(d)), [e, d, r])), b: variableFrom(tf.zeros([e, r, d])) } : undefined;

  const runExperts = (inputs: tf.Tensor3D) => {
    let pre = tf.add(tf.matMul(inputs, bank.w1 as tf.Tensor3D), bank.b1) as tf.Tensor3D; // [E, N, h]
    if (norm) {
      // Expert normalisation with the batch's statistics (training mode, also at evaluation: batches are large).
      const { mean, variance } = tf.moments(pre, 1, true);
      pre = tf.add(tf.mul(tf.div(tf.sub(pre, mean), tf.sqrt(tf.add(variance, 1e-5))), norm.gamma), norm.beta) as tf.Tensor3D;
    }
    const hidden = (norm ? tf.mul(pre, tf.sigmoid(pre)) : tf.relu(pre)) as tf.Tensor3D;
    return { hidden, outputs: tf.add(tf.matMul(hidden, bank.w2 as tf.Tensor3D), bank.b2) as tf.Tensor3D };
  };

  return {
    run: (candidates) =>
      tf.tidy(() => {
        let inputs = pick(candidates, options.inputOf);
        if (featureGate) inputs = tf.mul(inputs, tf.mul(2, tf.sigmoid(tf.matMul(tf.matMul(inputs, featureGate.a as tf.Tensor3D), featureGate.b as tf.Tensor3D)))) as tf.Tensor3D;
        const { hidden, outputs } = runExperts(inputs);
        const gateIn = pick(candidates, options.gateInputOf);
        const weights = maskedSoftmax(tf.matMul(gateIn, gate as tf.Tensor3D), options.visible);
        let mixed = mix(weights, outputs);
        if (selfGate) mixed = tf.add(mixed, mix(selfGateWeights(tf.matMul(gateIn, selfGate as tf.Tensor3D), options.selfVisible!), outputs)) as tf.Tensor3D;
        return { mixed, weights, hidden, outputs };
      }),
    variables: [...expertVariables(bank), gate, ...(selfGate ? [selfGate] : []), ...(norm ? [norm.gamma, norm.beta] : []), ...(featureGate ? [featureGate.a, featureGate.b] : [])],
  };
}
