// Matrix products whose gradients stay off tfjs-wasm's slow path. The wasm backend hands a matMul to
// XNNPACK only when it is 2-D in effect (batch 1) and has no transpose flag; anything else (the
// default gradient's transposed products, a batch of experts) runs a naive scalar loop, 3–15× slower
// at our sizes. Here every product is made of plain 2-D ones on wasm: an explicit transpose first,
// experts one at a time (split and stacked by host copies, cheaper there than its Slice and Pack). GPUs
// and the cpu backend keep tfjs's own ops (a GPU transposes for free).
import * as tf from '@tensorflow/tfjs';

const onWasm = () => tf.getBackend() === 'wasm';

/** a·bᵀ (a [m, k], b [n, k]). */
const matMulTransposeB = (a: tf.Tensor2D, b: tf.Tensor2D) =>
  onWasm() ? tf.matMul(a, tf.transpose(b) as tf.Tensor2D) : tf.matMul(a, b, false, true);
/** aᵀ·b (a [k, m], b [k, n]). */
const matMulTransposeA = (a: tf.Tensor2D, b: tf.Tensor2D) =>
  onWasm() ? tf.matMul(tf.transpose(a) as tf.Tensor2D, b) : tf.matMul(a, b, true, false);

/**
 * x·kernel + bias (then ReLU when asked) as one fused kernel, with a hand-written gradient. The kernel
 * is run directly because tf.fused.matMul splits itself into three ops whenever gradients are recorded.
 */
const denseOp = (relu: boolean) =>
  tf.customGrad((x, kernel, bias, save) => {
    const [a, b] = [x, kernel].map((t) => tf.reshape(t as tf.Tensor, [1, ...(t as tf.Tensor).shape]));
    const attrs = { transposeA: false, transposeB: false, activation: relu ? 'relu' : 'linear' };
    const out = tf.engine().runKernel('_FusedMatMul', { a, b, bias: bias as tf.Tensor }, attrs) as tf.Tensor3D;
    const y = tf.reshape(out, [out.shape[1], out.shape[2]]) as tf.Tensor2D;
    // The kernel is a variable, alive until the gradient is taken; the input and output are saved.
    (save as tf.GradSaveFunc)(relu ? [x as tf.Tensor, y] : [x as tf.Tensor]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor2D, [input, output]: tf.Tensor[]) => {
        const dz: tf.Tensor2D = relu ? tf.mul(dy, tf.step(output)) : dy;
        return [matMulTransposeB(dz, kernel as tf.Tensor2D), matMulTransposeA(input as tf.Tensor2D, dz), tf.sum(dz, 0)];
      },
    };
  });
export const denseLinear = denseOp(false);
export const denseRelu = denseOp(true);

/** The E matrices of a [E, r, c] tensor, copied on the host (tfjs-wasm's Unpack and Slice are several times slower). */
function unstackOnHost(t: tf.Tensor3D): tf.Tensor2D[] {
  const [e, rows, cols] = t.shape;
  const values = t.dataSync() as Float32Array;
  return Array.from({ length: e }, (_, i) =>
    tf.tensor2d(values.subarray(i * rows * cols, (i + 1) * rows * cols), [rows, cols]),
  );
}

/** [r, c] matrices stacked into [E, r, c] on the host (tfjs-wasm's Pack is slow like its Slice). */
function stackOnHost(parts: tf.Tensor2D[]): tf.Tensor3D {
  const [rows, cols] = parts[0].shape;
  const values = new Float32Array(parts.length * rows * cols);
  parts.forEach((part, i) => values.set(part.dataSync() as Float32Array, i * rows * cols));
  return tf.tensor3d(values, [parts.length, rows, cols]);
}

/** Per expert e: x[e]·w[e], each a plain 2-D product (wasm only: its tensors live in host memory). */
function perExpert(x: tf.Tensor3D, w: tf.Tensor3D): tf.Tensor3D {
  return tf.tidy(() => {
    const ws = unstackOnHost(w);
    return stackOnHost(unstackOnHost(x).map((xe, e) => tf.matMul(xe, ws[e])));
  });
}

/** x [E, R, in] · w [E, in, out] → [E, R, out]: E experts' products, fast on wasm too. */
export const expertMatMul = tf.customGrad((x, w, save) => {
  (save as tf.GradSaveFunc)([x as tf.Tensor, w as tf.Tensor]);
  const wasm = onWasm();
  return {
    value: (wasm
      ? perExpert(x as tf.Tensor3D, w as tf.Tensor3D)
      : tf.matMul(x as tf.Tensor3D, w as tf.Tensor3D)) as tf.Tensor3D,
    gradFunc: (dy: tf.Tensor3D, [input, weights]: tf.Tensor[]) => {
      if (!wasm)
        return [tf.matMul(dy, weights as tf.Tensor3D, false, true), tf.matMul(input as tf.Tensor3D, dy, true, false)];
      const swap = (t: tf.Tensor) => tf.transpose(t, [0, 2, 1]) as tf.Tensor3D;
      return [perExpert(dy, swap(weights)), perExpert(swap(input), dy)];
    },
  };
});
