// Keeps a dataset on the device once and hands out seeded minibatches by index, so no
// per-step upload is needed on GPU backends. On cpu and wasm, whose tensors live in host memory
// anyway, a batch is copied row by row from the host arrays instead: tfjs-wasm's Gather walks every
// element with stride arithmetic, several times slower than row copies (same numbers either way).
import * as tf from '@tensorflow/tfjs';
import { selectRows, type Dataset } from '../data/dataset.ts';
import { permutation, type Rng } from '../util/random.ts';

/** Named tensors whose first axis is the sample axis. */
export type TensorBatch = Record<string, tf.Tensor>;

export interface DeviceData {
  tensors: TensorBatch;
  size: number;
  /** The host copy batches are gathered from on cpu and wasm (absent on GPU backends). */
  host?: Dataset;
  dispose(): void;
}

export function toDevice(data: Dataset): DeviceData {
  const tensors: TensorBatch = {};
  for (const [name, field] of Object.entries(data.fields)) {
    tensors[name] = tf.tensor(field.values, [data.numSamples, ...field.shape]);
  }
  const host = tf.getBackend() === 'cpu' || tf.getBackend() === 'wasm' ? data : undefined;
  return { tensors, size: data.numSamples, host, dispose: () => tf.dispose(Object.values(tensors)) };
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

export function gatherBatch(data: DeviceData, indices: Int32Array): TensorBatch {
  if (data.host) {
    const { fields } = selectRows(data.host, indices);
    return Object.fromEntries(
      Object.entries(fields).map(([name, field]) => [name, tf.tensor(field.values, [indices.length, ...field.shape])]),
    );
  }
  return tf.tidy(() => {
    const idx = tf.tensor1d(indices, 'int32');
    return Object.fromEntries(Object.entries(data.tensors).map(([name, t]) => [name, tf.gather(t, idx)]));
  });
}
