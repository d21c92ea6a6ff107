import * as tf from '@tensorflow/tfjs';
import { runAnswered } from '../hostReads.ts';
import type { MultitaskModel } from '../models/model.ts';
import type { DeviceData } from './batches.ts';

export interface TaskScores {
  losses: Float32Array;
  scores: Float32Array;
}

/** Per-task loss and quality score on a whole split. */
export async function evaluate(model: MultitaskModel, data: DeviceData): Promise<TaskScores> {
  const [lossTensor, scoreTensor] = await runAnswered(() =>
    tf.tidy(() => [model.taskLosses(data.tensors), model.taskScores(data.tensors)]),
  );
  const losses = (await lossTensor.data()) as Float32Array;
  const scores = (await scoreTensor.data()) as Float32Array;
  tf.dispose([lossTensor, scoreTensor]);
  return { losses, scores };
}
