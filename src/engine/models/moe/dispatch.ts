// Moving rows between tokens and expert slots with plain gathers in both directions.
// tf.gather's own gradient needs UnsortedSegmentSum, which is O(segments × rows) on the cpu
// backend and missing on wasm (ALGORITHMS.md Part 2 §4); here each backward pass is another
// gather through the inverse map, wrapped in tf.customGrad. That works on every backend. On the
// cpu and wasm backends, whose tensors live in host memory, the gathers are plain JS row copies.
import * as tf from '@tensorflow/tfjs';
import type { DispatchPlan } from './plan.ts';

/** Where rows are moved: on the host (JS copies; cpu and wasm keep tensors in host memory) or with tf.gather. */
export type RowMover = 'host' | 'device';

/** tfjs-wasm's Gather walks every element with stride arithmetic; plain row copies are several times faster. */
export const defaultRowMover = (): RowMover =>
  tf.getBackend() === 'cpu' || tf.getBackend() === 'wasm' ? 'host' : 'device';

/** Rows of x picked by index, where index = x.rows means a zero row. Both movers give identical numbers. */
export function gatherPadded(x: tf.Tensor2D, index: Int32Array, mover: RowMover = defaultRowMover()): tf.Tensor2D {
  const [rows, d] = x.shape;
  if (mover === 'host') {
    const source = x.dataSync() as Float32Array;
    const out = new Float32Array(index.length * d);
    for (let i = 0; i < index.length; i++) {
      const r = index[i];
      if (r < rows) out.set(source.subarray(r * d, (r + 1) * d), i * d);
    }
    return tf.tensor2d(out, [index.length, d]);
  }
  return tf.tidy(() => {
    const padded = tf.concat([x, tf.zeros([1, d])], 0);
    return tf.gather(padded, tf.tensor1d(index, 'int32')) as tf.Tensor2D;
  });
}

/** Token rows [N, d] → expert slot rows [E·slots, d]; the gradient sums each token's k slot gradients. */
export function dispatchToSlots(x: tf.Tensor2D, plan: DispatchPlan, mover: RowMover = defaultRowMover()): tf.Tensor2D {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => ({
    value: gatherPadded(args[0] as tf.Tensor2D, plan.slotToken, mover),
    gradFunc: (dy: tf.Tensor) =>
      tf.tidy(() => {
        const d = dy.shape[1] as number;
        const perChoice = gatherPadded(dy as tf.Tensor2D, plan.choiceSlot, mover); // [N·maxK, d]
        return tf.sum(tf.reshape(perChoice, [plan.numTokens, plan.maxK, d]), 1);
      }),
  }));
  return op(x) as tf.Tensor2D;
}

/** Expert slot rows [E·slots, d] → one row per choice [N·maxK, d] (zero where dropped); each slot is read once. */
export function collectFromSlots(y: tf.Tensor2D, plan: DispatchPlan, mover: RowMover = defaultRowMover()): tf.Tensor2D {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => ({
    value: gatherPadded(args[0] as tf.Tensor2D, plan.choiceSlot, mover),
    gradFunc: (dy: tf.Tensor) => gatherPadded(dy as tf.Tensor2D, plan.slotChoice, mover),
  }));
  return op(y) as tf.Tensor2D;
}

/**
 * Combines per-choice expert outputs with their gates: out[t] = Σ_c G[t, e(t,c)] · rows[t·maxK + c].
 * The gate of each choice is picked out of G [N, E] by a one-hot product, so the router gets
 * its gradient without a gather (whose gradient is the missing kernel again).
 */
export function combineChoices(rows: tf.Tensor2D, gates: tf.Tensor2D, plan: DispatchPlan): tf.Tensor2D {
  return tf.tidy(() => {
    const { numTokens: n, maxK, numExperts: e } = plan;
    const d = rows.shape[1];
    const oneHot = tf.tensor3d(plan.choiceOneHot, [n, maxK, e]);
    const choiceGates = tf.sum(tf.mul(tf.reshape(gates, [n, 1, e]), oneHot), 2); // [N, maxK]
    const weighted = tf.mul(tf.reshape(rows, [n, maxK, d]), tf.reshape(choiceGates, [n, maxK, 1]));
    return tf.sum(weighted, 1) as tf.Tensor2D;
  });
}
