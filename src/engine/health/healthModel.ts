// Models that show their experts' health: the last layer of experts on a batch, read back as arrays
// asynchronously (`await data()`), so the probe works on backends without synchronous reads (WebGPU).
import * as tf from '@tensorflow/tfjs';
import type { MultitaskModel } from '../models/model.ts';
import type { TensorBatch } from '../train/batches.ts';
import type { ExpertActivity } from './stats.ts';

export interface HealthModel {
  /** Each layer of experts on a batch (no training): hidden activations, outputs and gate weights. */
  expertActivity(batch: TensorBatch): Promise<ExpertActivity[]>;
  /** What the gates' groups are: tasks (default) or text domains (the MoE LM). */
  healthGroups?: 'task' | 'domain';
  /** Probe rows, when fewer than the default 128 keep the probe cheap (an LM window is many tokens). */
  healthProbeRows?: number;
}

export const isHealthModel = (model: MultitaskModel): model is MultitaskModel & HealthModel =>
  'expertActivity' in model;

/** Tensors of one layer → arrays (disposes the tensors). */
export async function readActivity(
  layer: { name: string; expertNames: string[]; owners: number[][] },
  tensors: { hidden: tf.Tensor; outputs: tf.Tensor; gateWeights: tf.Tensor },
): Promise<ExpertActivity> {
  try {
    const [hidden, outputs, gateWeights] = (await Promise.all([
      tensors.hidden.data(),
      tensors.outputs.data(),
      tensors.gateWeights.data(),
    ])) as Float32Array[];
    return { ...layer, hidden, outputs, outputDim: tensors.outputs.shape.at(-1)!, gateWeights };
  } finally {
    tf.dispose([tensors.hidden, tensors.outputs, tensors.gateWeights]);
  }
}

export const allTasks = (numTasks: number) => Array.from({ length: numTasks }, (_, t) => t);
