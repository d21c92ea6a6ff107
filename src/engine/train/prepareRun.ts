// The one training set-up every trainer of a spec shares: dataset → split → model (seeded init) →
// data on the device → batch sampler → trainer, and one dispose for all of it. Runs, the offline
// affinity methods, the lessons' figures and the backend benchmark all build through here, so the
// same spec and seed give the same model, rows and batch order everywhere.
import type { ExperimentSpec } from '../../protocol/index.ts';
import { splitDataset, type Dataset } from '../data/dataset.ts';
import { makeDataset, type MakeDatasetOptions } from '../data/index.ts';
import { DatasetError } from '../data/table/fromSpec.ts';
import { createModel } from '../models/index.ts';
import type { MultitaskModel } from '../models/model.ts';
import { RunError } from '../runError.ts';
import { createRng, deriveSeed } from '../util/random.ts';
import { createBatchSampler, toDevice, type DeviceData } from './batches.ts';
import { createTrainer, type Trainer } from './trainer.ts';

export interface PreparedRun {
  dataset: Dataset;
  /** The split rows on the host (probes read them); `validation` may be empty. */
  split: ReturnType<typeof splitDataset>;
  model: MultitaskModel;
  trainer: Trainer;
  trainData: DeviceData;
  /** The validation rows on the device, or the training rows when the split leaves none. */
  validationData: DeviceData;
  /** The spec's seeded batch order over `trainData`. */
  nextBatch: ReturnType<typeof createBatchSampler>;
  dispose(): void;
}

/** The spec's dataset exactly as a run builds it (table z-scores from the training rows only); a bad table is a RunError. */
export function buildDataset(
  spec: ExperimentSpec,
  sources: Pick<MakeDatasetOptions, 'tables' | 'texts'> = {},
): Dataset {
  try {
    return makeDataset(spec.dataset, spec.seed, { ...sources, validationFraction: spec.training.validationFraction });
  } catch (error) {
    if (error instanceof DatasetError) throw new RunError(error.message);
    throw error;
  }
}

/** Builds the model and its training on the current backend; the caller disposes the result. */
export function prepareRun(spec: ExperimentSpec, dataset: Dataset = buildDataset(spec)): PreparedRun {
  const split = splitDataset(dataset, spec.training.validationFraction);
  const model = createModel(spec.model, dataset, createRng(deriveSeed(spec.seed, 'model/init')));
  const trainer = createTrainer(model, spec.training);
  const trainData = toDevice(split.train);
  const validationData = toDevice(split.validation.numSamples > 0 ? split.validation : split.train);
  const nextBatch = createBatchSampler(
    trainData.size,
    spec.training.batchSize,
    createRng(deriveSeed(spec.seed, 'batches')),
  );
  return {
    dataset,
    split,
    model,
    trainer,
    trainData,
    validationData,
    nextBatch,
    dispose() {
      trainer.dispose();
      trainData.dispose();
      validationData.dispose();
      model.dispose();
    },
  };
}
