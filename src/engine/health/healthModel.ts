// Models that show their experts' health: the last layer of experts on a batch, read back as arrays.
import * as tf from '@tensorflow/tfjs';
import type { MultitaskModel } from '../models/model.ts';
import type { TensorBatch } from '../train/batches.ts';
import type { ExpertActivity } from './stats.ts';
import { readToHost } from '../hostReads.ts';

export interface HealthModel {
  /** Each layer of experts on a batch (no training): hidden activations, outputs and gate weights. */
  expertActivity(batch: TensorBatch): ExpertActivity[];
}

export const isHealthModel = (model: MultitaskModel): model is MultitaskModel & HealthModel => 'expertActivity' in model;

/** Tensors of one layer → arrays (disposes the tensors). */
export function readActivity(
  layer: { name: string; expertNames: string[]; owners: number[][] },
  tensors: { hidden: tf.Tensor; outputs: tf.Tensor; gateWeights: tf.Tensor },
): ExpertActivity {
  const read = (t: tf.Tensor) => readToHost(t) as Float32Array;
  const activity = { ...layer, hidden: read(tensors.hidden), outputs: read(tensors.outputs), outputDim: tensors.outputs.shape.at(-1)!, gateWeights: read(tensors.gateWeights) };
  tf.dispose([tensors.hidden, tensors.outputs, tensors.gateWeights]);
  return activity;
}

export const allTasks = (numTasks: number) => Array.from({ length: numTasks }, (_, t) => t);
