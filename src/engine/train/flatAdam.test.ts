// The trainer's flat Adam must give tf.train.adam's numbers: a shared-bottom model trained a few steps
// through createTrainer against the same model trained by tfjs's own Adam, with the clipping, weight
// decay and schedule the trainer applied around it before the flat update existed.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { TrainingSpec, type ExperimentSpec } from '../../protocol/index.ts';
import { nodeWasmFolder } from '../../cli/io.ts';
import { createSharedBottom } from '../models/sharedBottom.ts';
import { allVariables } from '../models/model.ts';
import { createRng, normalArray } from '../util/random.ts';
import { createFlatAdam } from './flatAdam.ts';
import { learningRateAt } from './schedule.ts';
import { createTrainer } from './trainer.ts';

const STEPS = 6;

function makeModel() {
  return createSharedBottom({ inputDim: 5, hidden: [12, 7], numTasks: 3, activation: 'relu' }, createRng(4));
}

function batches() {
  const rng = createRng(9);
  return Array.from({ length: STEPS }, () => ({
    x: tf.tensor2d(normalArray(rng, 32 * 5), [32, 5]),
    y: tf.tensor2d(normalArray(rng, 32 * 3), [32, 3]),
  }));
}

/** The trainer's step as it was before the flat update: tfjs Adam, per-variable clipping and decay. */
function referenceRun(training: ExperimentSpec['training']): { losses: number[]; weights: number[] } {
  const model = makeModel();
  const variables = allVariables(model);
  const optimizer = tf.train.adam(training.learningRate);
  const losses: number[] = [];
  batches().forEach((batch, step) => {
    const rate = learningRateAt(training, step);
    (optimizer as unknown as { learningRate: number }).learningRate = rate;
    const { value, grads } = tf.variableGrads(() => {
      const perTask = model.taskLosses(batch);
      losses.push(...perTask.dataSync());
      return tf.sum(perTask) as tf.Scalar;
    }, variables);
    const clipped: tf.NamedTensorMap = tf.tidy(() => {
      if (!training.gradClipNorm) return { ...grads };
      const norm = tf.sqrt(tf.addN(Object.values(grads).map((g) => tf.sum(tf.square(g)))));
      const scale = tf.minimum(1, tf.div(training.gradClipNorm, tf.add(norm, 1e-12)));
      return Object.fromEntries(
        Object.entries(grads).map(([name, g]) => [name, tf.mul(g, scale)]),
      ) as tf.NamedTensorMap;
    });
    optimizer.applyGradients(Object.entries(clipped).map(([name, tensor]) => ({ name, tensor })));
    if (training.weightDecay)
      tf.tidy(() => variables.forEach((v) => v.assign(tf.mul(v, 1 - rate * training.weightDecay!))));
    tf.dispose([value, ...Object.values(grads), ...Object.values(clipped), ...Object.values(batch)]);
  });
  const weights = variables.flatMap((v) => Array.from(v.dataSync()));
  optimizer.dispose();
  model.dispose();
  return { losses, weights };
}

function flatRun(training: ExperimentSpec['training']): { losses: number[]; weights: number[] } {
  const model = makeModel();
  const trainer = createTrainer(model, training);
  const losses: number[] = [];
  for (const batch of batches()) {
    const perTask = trainer.step(batch);
    losses.push(...perTask.dataSync());
    tf.dispose([perTask, ...Object.values(batch)]);
  }
  const weights = allVariables(model).flatMap((v) => Array.from(v.dataSync()));
  trainer.dispose();
  model.dispose();
  return { losses, weights };
}

const maxDifference = (a: number[], b: number[]) => Math.max(...a.map((x, i) => Math.abs(x - b[i])));

describe.each(['cpu', 'wasm'])('flat Adam on %s', (backend) => {
  it.each([
    ['plain Adam', {}],
    [
      'warm-up + cosine, clipping that bites, weight decay',
      { schedule: 'cosine', warmupSteps: 3, steps: STEPS, gradClipNorm: 0.5, weightDecay: 0.3 },
    ],
  ])('%s: same losses and weights as tf.train.adam', async (_name, options) => {
    if (backend === 'wasm') setWasmPaths(nodeWasmFolder());
    await tf.setBackend(backend);
    const training = TrainingSpec.parse({ optimizer: 'adam', learningRate: 0.05, ...options });
    const reference = referenceRun(training);
    const flat = flatRun(training);
    expect(flat.losses).toHaveLength(STEPS * 3);
    // The model moved (the comparison is not between two unchanged models).
    expect(Math.abs(flat.losses[0] - flat.losses[flat.losses.length - 3])).toBeGreaterThan(1e-3);
    expect(maxDifference(flat.losses, reference.losses)).toBeLessThan(1e-6);
    expect(maxDifference(flat.weights, reference.weights)).toBeLessThan(1e-6);
  });

  it('leaves a variable without a gradient, and its moments, untouched (as tfjs does)', async () => {
    await tf.setBackend(backend);
    const used = tf.variable(tf.tensor1d([1, -2]));
    const unused = tf.variable(tf.tensor1d([3]));
    const adam = createFlatAdam([used, unused]);
    const reference = tf.train.adam(0.1);
    const twin = tf.variable(tf.tensor1d([1, -2]));
    for (let step = 0; step < 3; step++) {
      const { grads } = tf.variableGrads(() => tf.sum(tf.square(used)) as tf.Scalar, [used, unused]);
      expect(grads[unused.name]).toBeUndefined();
      adam.step(grads, { learningRate: 0.1, clipNorm: 0, keep: 1 });
      const { grads: twinGrads } = tf.variableGrads(() => tf.sum(tf.square(twin)) as tf.Scalar, [twin]);
      reference.applyGradients([{ name: twin.name, tensor: twinGrads[twin.name] }]);
      tf.dispose([...Object.values(grads), ...Object.values(twinGrads)]);
    }
    expect(Array.from(unused.dataSync())).toEqual([3]);
    expect(maxDifference(Array.from(used.dataSync()), Array.from(twin.dataSync()))).toBeLessThan(1e-6);
    expect(used.dataSync()[0]).toBeLessThan(0.8);
    adam.dispose();
    reference.dispose();
    tf.dispose([used, unused, twin]);
  });
});
