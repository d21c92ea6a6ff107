// Keeps a dataset on the device once and hands out seeded minibatches by index, so no
// per-step upload is needed on GPU backends.
import * as tf from '@tensorflow/tfjs';
import { numTasks, type Dataset } from '../data/dataset.ts';
import { permutation, type Rng } from '../util/random.ts';

export interface DeviceData {
  x: tf.Tensor2D;
  y: tf.Tensor2D;
  size: number;
  dispose(): void;
}

export function toDevice(data: Dataset): DeviceData {
  const x = tf.tensor2d(data.x, [data.numSamples, data.inputDim]);
  const y = tf.tensor2d(data.y, [data.numSamples, numTasks(data)]);
  return { x, y, size: data.numSamples, dispose: () => tf.dispose([x, y]) };
}

/** Epoch-wise shuffled minibatch indices: every sample is seen once per epoch. */
export function createBatchSampler(size: number, batchSize: number, rng: Rng) {
  const batch = Math.min(batchSize, size);
  let order = permutation(rng, size);
  let cursor = 0;
  return (): Int32Array => {
    if (cursor + batch > size) {
      order = permutation(rng, size);
      cursor = 0;
    }
    const indices = order.slice(cursor, cursor + batch);
    cursor += batch;
    return indices;
  };
}

export interface Batch {
  x: tf.Tensor2D;
  y: tf.Tensor2D;
}

export function gatherBatch(data: DeviceData, indices: Int32Array): Batch {
  return tf.tidy(() => {
    const idx = tf.tensor1d(indices, 'int32');
    return { x: tf.gather(data.x, idx) as tf.Tensor2D, y: tf.gather(data.y, idx) as tf.Tensor2D };
  });
}
