// Synthetic multitask regression with planted task clusters. Tasks in one group read the same
// latent nonlinear features of x through nearby weight vectors (plus their own scale and noise);
// different groups use unrelated feature maps, so the true grouping is known.
import type { Dataset } from './dataset.ts';
import { createRng, deriveSeed, normalArray, type Rng } from '../util/random.ts';

export interface PlantedOptions {
  numTasks: number;
  numGroups: number;
  inputDim: number;
  numSamples: number;
  noise: number;
  seed: number;
  nonNegativeInputs?: boolean;
  /** Share of training rows that carry each task's label; absent: every row has every label. */
  labelShares?: number[];
  /** Validation rows (the last ones, as splitDataset takes them) keep every label, so scores are measured on all of them. */
  validationFraction?: number;
}

const LATENT_HIDDEN = 32;
const LATENT_DIM = 4;
/** How far a task's read-out strays from its group's (relative to the group vector). */
const TASK_SPREAD = 0.35;

/** A random one-hidden-layer tanh map R^inputDim → R^LATENT_DIM. */
function randomFeatureMap(rng: Rng, inputDim: number) {
  const w1 = normalArray(rng, LATENT_HIDDEN * inputDim, 1.5 / Math.sqrt(inputDim));
  const b1 = normalArray(rng, LATENT_HIDDEN, 0.5);
  const w2 = normalArray(rng, LATENT_DIM * LATENT_HIDDEN, 1 / Math.sqrt(LATENT_HIDDEN));
  const hidden = new Float64Array(LATENT_HIDDEN);
  return (x: Float32Array, offset: number, out: Float64Array) => {
    for (let h = 0; h < LATENT_HIDDEN; h++) {
      let sum = b1[h];
      for (let i = 0; i < inputDim; i++) sum += w1[h * inputDim + i] * x[offset + i];
      hidden[h] = Math.tanh(sum);
    }
    for (let l = 0; l < LATENT_DIM; l++) {
      let sum = 0;
      for (let h = 0; h < LATENT_HIDDEN; h++) sum += w2[l * LATENT_HIDDEN + h] * hidden[h];
      out[l] = sum;
    }
  };
}

/** Task t belongs to group t mod K, so groups interleave and the answer is not just "adjacent tasks". */
export const plantedGroupOf = (task: number, numGroups: number) => task % numGroups;

export function makePlantedDataset(options: PlantedOptions): Dataset {
  const { numTasks, numGroups, inputDim, numSamples, noise, seed } = options;
  const modelRng = createRng(deriveSeed(seed, 'planted/maps'));
  const maps = Array.from({ length: numGroups }, () => randomFeatureMap(modelRng, inputDim));
  const groupWeights = Array.from({ length: numGroups }, () => normalArray(modelRng, LATENT_DIM));
  const groups = Array.from({ length: numTasks }, (_, t) => plantedGroupOf(t, numGroups));
  const taskWeights = groups.map((g) =>
    groupWeights[g].map((w) => w + TASK_SPREAD * modelRng.normal() * Math.abs(w) + 0.1 * modelRng.normal()),
  );
  const taskScales = groups.map(() => 0.7 + 0.8 * modelRng.next());

  const sampleRng = createRng(deriveSeed(seed, 'planted/samples'));
  const x = normalArray(sampleRng, numSamples * inputDim);
  if (options.nonNegativeInputs) x.forEach((v, i) => (x[i] = Math.abs(v)));
  const raw = new Float64Array(numSamples * numTasks);
  const latent = new Float64Array(LATENT_DIM);
  for (let s = 0; s < numSamples; s++) {
    for (let g = 0; g < numGroups; g++) {
      maps[g](x, s * inputDim, latent);
      for (let t = 0; t < numTasks; t++) {
        if (groups[t] !== g) continue;
        let value = 0;
        for (let l = 0; l < LATENT_DIM; l++) value += taskWeights[t][l] * latent[l];
        raw[s * numTasks + t] = value;
      }
    }
  }

  // Standardise each task's clean signal, then apply its own scale and noise.
  const y = new Float32Array(numSamples * numTasks);
  for (let t = 0; t < numTasks; t++) {
    let mean = 0;
    for (let s = 0; s < numSamples; s++) mean += raw[s * numTasks + t];
    mean /= numSamples;
    let variance = 0;
    for (let s = 0; s < numSamples; s++) variance += (raw[s * numTasks + t] - mean) ** 2;
    const std = Math.sqrt(variance / numSamples) || 1;
    for (let s = 0; s < numSamples; s++) {
      const clean = (raw[s * numTasks + t] - mean) / std;
      y[s * numTasks + t] = taskScales[t] * clean + noise * sampleRng.normal();
    }
  }

  const fields: Dataset['fields'] = { x: { values: x, shape: [inputDim] }, y: { values: y, shape: [numTasks] } };
  if (options.labelShares)
    fields.mask = {
      values: labelMask(
        options.labelShares,
        numSamples - Math.floor(numSamples * (options.validationFraction ?? 0)),
        numSamples,
        seed,
      ),
      shape: [numTasks],
    };
  return {
    name: `planted(${numTasks} tasks, ${numGroups} groups)`,
    taskNames: groups.map((_, t) => `task${t}`),
    numSamples,
    fields,
    plantedGroups: groups,
  };
}

/**
 * [rows × tasks] 0/1: a training row has task t's label with probability shares[t] (its own seed
 * stream, so targets stay the same); rows from `numTrain` on (validation) have every label.
 */
function labelMask(shares: number[], numTrain: number, numSamples: number, seed: number): Float32Array {
  const rng = createRng(deriveSeed(seed, 'planted/labels'));
  const mask = new Float32Array(numSamples * shares.length).fill(1);
  for (let s = 0; s < numTrain; s++)
    shares.forEach((share, t) => (mask[s * shares.length + t] = rng.next() < share ? 1 : 0));
  return mask;
}
