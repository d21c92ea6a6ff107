import * as tf from '@tensorflow/tfjs';
import type { MultitaskModel } from '../models/model.ts';
import type { DeviceData } from './batches.ts';
import { perTaskMse } from './losses.ts';

export interface TaskScores {
  mse: Float32Array;
  r2: Float32Array;
}

/** Per-task MSE and R² (1 − MSE / target variance) on a whole split. */
export async function evaluate(model: MultitaskModel, data: DeviceData): Promise<TaskScores> {
  const [mseTensor, varianceTensor] = tf.tidy(() => {
    const mse = perTaskMse(model.predict(data.x), data.y);
    const variance = tf.moments(data.y, 0).variance;
    return [mse, variance];
  });
  const mse = (await mseTensor.data()) as Float32Array;
  const variance = await varianceTensor.data();
  tf.dispose([mseTensor, varianceTensor]);
  const r2 = mse.map((m, t) => (variance[t] > 0 ? 1 - m / variance[t] : 0));
  return { mse, r2 };
}
