// Device-side running mean of matrices, so measuring never forces a GPU readback.
import * as tf from '@tensorflow/tfjs';

export interface RunningMean {
  add(value: tf.Tensor): void;
  count(): number;
  /** Mean so far, read back to the CPU; null before the first value. */
  read(): Promise<Float32Array | null>;
  dispose(): void;
}

export function createRunningMean(): RunningMean {
  let sum: tf.Tensor | null = null;
  let count = 0;
  return {
    add(value) {
      const next = sum ? tf.add(sum, value) : tf.clone(value);
      sum?.dispose();
      sum = tf.keep(next);
      count++;
    },
    count: () => count,
    async read() {
      if (!sum) return null;
      const mean = tf.div(sum, count);
      const values = (await mean.data()) as Float32Array;
      mean.dispose();
      return values;
    },
    dispose() {
      sum?.dispose();
      sum = null;
    },
  };
}
