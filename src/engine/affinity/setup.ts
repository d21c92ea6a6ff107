// What every offline affinity method needs from a spec: the dataset split on the device, a model
// with its seeded initialisation, and a way to train it on a subset of tasks. Built by the run's own
// prepareRun (same seeds), so numbers match a `run` of the same spec.
import * as tf from '@tensorflow/tfjs';
import type { ExperimentSpec } from '../../protocol/index.ts';
import { numTasks, type Dataset } from '../data/dataset.ts';
import { makeDataset, type MakeDatasetOptions } from '../data/index.ts';
import { prepareRun } from '../train/prepareRun.ts';
import { allVariables, type MultitaskModel } from '../models/model.ts';
import { createBatchSampler, gatherBatch, type DeviceData } from '../train/batches.ts';
import { createOptimizer } from '../train/optimizer.ts';
import { createRng, deriveSeed } from '../util/random.ts';
import { RunError } from '../runError.ts';
import type { CostMeter } from './cost.ts';
import { withAnsweredReads } from '../hostReads.ts';
import { forwardReads, snapshotValues } from './taskGradients.ts';

export interface AffinitySetup {
  spec: ExperimentSpec;
  dataset: Dataset;
  model: MultitaskModel;
  train: DeviceData;
  validation: DeviceData;
  /** The model's seeded initial values (θ_0), for training subsets from the same start. */
  initial: tf.Tensor[];
  dispose(): void;
}

/**
 * Affinity ratios divide by task losses, so a task whose targets are constant or not finite makes
 * every method meaningless; name it instead of returning NaNs. Checks tabular `y` [numTasks].
 */
export function checkTargets(dataset: Dataset): void {
  const y = dataset.fields.y;
  const n = numTasks(dataset);
  if (!y || y.shape.length !== 1 || y.shape[0] !== n) return;
  for (let t = 0; t < n; t++) {
    let min = Infinity;
    let max = -Infinity;
    for (let s = 0; s < dataset.numSamples; s++) {
      const v = y.values[s * n + t];
      if (!Number.isFinite(v))
        throw new RunError(`task "${dataset.taskNames[t]}" has a non-finite target (${v}) in row ${s}`);
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    if (max === min)
      throw new RunError(`task "${dataset.taskNames[t]}" has constant targets (${min}); its affinity is undefined`);
  }
}

/** The spec's dataset exactly as a run builds it (table z-scores from the training rows only). */
export const datasetOf = (spec: ExperimentSpec, tables?: MakeDatasetOptions['tables']) =>
  makeDataset(spec.dataset, spec.seed, { tables, validationFraction: spec.training.validationFraction });

export function createAffinitySetup(spec: ExperimentSpec, dataset: Dataset = datasetOf(spec)): AffinitySetup {
  checkTargets(dataset);
  // Subsets train with their own optimiser and batch order (trainTasks); the run's trainer goes unused.
  const prepared = prepareRun(spec, dataset);
  const initial = snapshotValues(allVariables(prepared.model));
  return {
    spec,
    dataset,
    model: prepared.model,
    train: prepared.trainData,
    validation: prepared.validationData,
    initial,
    dispose() {
      tf.dispose(initial);
      prepared.dispose();
    },
  };
}

export interface SubsetTraining {
  /** Tasks whose losses are summed; all tasks when absent. */
  tasks?: number[];
  steps: number;
  /** Seed purpose for the batch order; the same for every subset so only the task set differs. */
  batchSeed: string;
  /** Rows per step; the spec's batch size by default. */
  batchSize?: number;
  cost?: CostMeter;
  /** Called after each step with the steps done. */
  onStep?(done: number): void;
}

/**
 * Trains all variables of `setup.model` from their current values on the summed loss of the
 * given tasks, with the spec's optimiser. Tasks outside the subset get zero gradient. Async: a
 * routed model's host reads are answered before each step (WebGPU).
 */
export async function trainTasks(setup: AffinitySetup, options: SubsetTraining): Promise<void> {
  const { model, train, spec } = setup;
  const n = numTasks(setup.dataset);
  const weights = new Float32Array(n);
  for (const t of options.tasks ?? Array.from({ length: n }, (_, i) => i)) weights[t] = 1;
  const mask = tf.tensor1d(weights);
  const optimizer = createOptimizer(spec.training);
  const variables = allVariables(model);
  const nextBatch = createBatchSampler(
    train.size,
    options.batchSize ?? spec.training.batchSize,
    createRng(deriveSeed(spec.seed, options.batchSeed)),
  );
  try {
    for (let step = 0; step < options.steps; step++) {
      const indices = nextBatch();
      const batch = gatherBatch(train, indices);
      const reads = await forwardReads(model, batch);
      withAnsweredReads(reads, () =>
        optimizer.minimize(() => tf.sum(tf.mul(model.taskLosses(batch), mask)) as tf.Scalar, false, variables),
      );
      tf.dispose(Object.values(batch));
      options.cost?.train(indices.length);
      options.onStep?.(step + 1);
    }
  } finally {
    optimizer.dispose();
    mask.dispose();
  }
}

/** Validation loss of every task at the model's current parameters. */
export async function validationLosses(setup: AffinitySetup, cost?: CostMeter): Promise<Float32Array> {
  const reads = await forwardReads(setup.model, setup.validation.tensors);
  const losses = withAnsweredReads(reads, () => tf.tidy(() => setup.model.taskLosses(setup.validation.tensors)));
  const values = (await losses.data()) as Float32Array;
  losses.dispose();
  cost?.forward(setup.validation.size);
  return values;
}
