// Soft MoE (Puigcerver et al. 2023, ALGORITHMS.md Part 2 §3.5): each expert owns p slots, every
// slot is a softmax-over-tokens mixture of all tokens, every token a softmax-over-slots mixture
// of all slot outputs. Nothing is dropped and nothing is discrete.
import * as tf from '@tensorflow/tfjs';
import { variableFrom } from '../layers.ts';
import { normalArray, type Rng } from '../../util/random.ts';
import { runAllExperts, runExperts, type ExpertBank } from './experts.ts';
import type { DispatchMode, RoutingInfo, SoftRouter } from './types.ts';
import { readToHost } from '../../hostReads.ts';

export function createSlotWeights(router: SoftRouter, inputDim: number, numExperts: number, rng: Rng): tf.Variable {
  const width = numExperts * router.slotsPerExpert;
  return variableFrom(tf.tensor2d(normalArray(rng, inputDim * width, 1 / Math.sqrt(inputDim)), [inputDim, width]));
}

/** Sparse: expert e runs on its own p slots. Dense: every expert on every slot, then the block diagonal is kept. */
function runSlots(bank: ExpertBank, slotInputs: tf.Tensor2D, slotsPerExpert: number, mode: DispatchMode): tf.Tensor2D {
  return tf.tidy(() => {
    const e = bank.numExperts;
    const d = slotInputs.shape[1];
    if (mode === 'sparse') {
      const out = runExperts(bank, tf.reshape(slotInputs, [e, slotsPerExpert, d]));
      return tf.reshape(out, [e * slotsPerExpert, bank.outputDim]);
    }
    const all = runAllExperts(bank, slotInputs); // [E, E·p, out]
    const owner = new Float32Array(e * e * slotsPerExpert);
    for (let x = 0; x < e; x++)
      for (let s = 0; s < slotsPerExpert; s++) owner[x * e * slotsPerExpert + x * slotsPerExpert + s] = 1;
    return tf.sum(tf.mul(all, tf.tensor3d(owner, [e, e * slotsPerExpert, 1])), 0) as tf.Tensor2D;
  });
}

export interface SoftMoeResult {
  output: tf.Tensor2D;
  routing: RoutingInfo;
}

export function applySoftMoe(
  router: SoftRouter,
  slotWeights: tf.Variable,
  bank: ExpertBank,
  x: tf.Tensor2D,
  mode: DispatchMode,
): SoftMoeResult {
  const n = x.shape[0];
  const e = bank.numExperts;
  const p = router.slotsPerExpert;
  const [output, combineMass] = tf.tidy(() => {
    const logits = tf.matMul(x, slotWeights as tf.Tensor2D); // [N, E·p]
    const dispatch = tf.softmax(tf.transpose(logits)); // [E·p, N], softmax over tokens
    const combine = tf.softmax(logits); // [N, E·p], softmax over slots
    const slotOut = runSlots(bank, tf.matMul(dispatch, x), p, mode);
    const mass = tf.sum(tf.reshape(combine, [n, e, p]), 2); // combine weight per expert [N, E]
    return [tf.matMul(combine, slotOut), mass];
  });
  const probs = readToHost(combineMass) as Float32Array;
  combineMass.dispose();
  return { output: output as tf.Tensor2D, routing: describeSoftRouting(probs, n, e) };
}

/** Soft routing has no discrete choice; each token is recorded with its heaviest expert (k = 1). */
function describeSoftRouting(probs: Float32Array, n: number, e: number): RoutingInfo {
  const topIds = new Int32Array(n);
  const topWeights = new Float32Array(n);
  const counts = new Int32Array(e);
  for (let t = 0; t < n; t++) {
    let best = 0;
    for (let x = 1; x < e; x++) if (probs[t * e + x] > probs[t * e + best]) best = x;
    topIds[t] = best;
    topWeights[t] = probs[t * e + best];
    counts[best]++;
  }
  return {
    numTokens: n,
    numExperts: e,
    maxK: 1,
    topIds,
    topWeights,
    kept: new Uint8Array(n).fill(1),
    expertsPerToken: new Int32Array(n).fill(1),
    requested: counts,
    processed: Int32Array.from(counts),
    load: Float32Array.from(counts, (c) => c / n),
    capacity: Infinity,
    dropped: 0,
    dropRate: 0,
    nullChoices: 0,
    probs,
  };
}
