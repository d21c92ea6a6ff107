// applyDense's fused kernel and the experts' product, with their hand-written gradients, against the
// plain ops tfjs differentiates itself, on cpu and on wasm (where they take the 2-D XNNPACK path).
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { nodeWasmFolder } from '../../cli/io.ts';
import { createRng, normalArray } from '../util/random.ts';
import { expertMatMul } from './fastMatMul.ts';
import { activate, applyDense, createDense, type Activation } from './layers.ts';

setWasmPaths(nodeWasmFolder());

const maxDifference = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);

describe.each(['cpu', 'wasm'])('applyDense on %s', (backend) => {
  it.each([undefined, 'relu', 'tanh'] as (Activation | undefined)[])(
    'activation %s: same output and gradients as matMul + add',
    async (activation) => {
      await tf.setBackend(backend);
      const rng = createRng(3);
      const layer = createDense(rng, 6, 5);
      tf.tidy(() => {
        // A non-zero bias, so its gradient and its place in the sum are both exercised.
        layer.bias.assign(tf.tensor1d(normalArray(rng, 5)));
        const x = tf.tensor2d(normalArray(rng, 7 * 6), [7, 6]);
        const r = tf.tensor2d(normalArray(rng, 7 * 5), [7, 5]);
        const plain = (input: tf.Tensor2D, kernel: tf.Tensor2D, bias: tf.Tensor1D) => {
          const z = tf.add(tf.matMul(input, kernel), bias) as tf.Tensor2D;
          return activation ? activate(z, activation) : z;
        };
        const loss = (f: (input: tf.Tensor2D, kernel: tf.Tensor2D, bias: tf.Tensor1D) => tf.Tensor2D) =>
          tf.grads((input: tf.Tensor, kernel: tf.Tensor, bias: tf.Tensor) =>
            tf.sum(tf.mul(f(input as tf.Tensor2D, kernel as tf.Tensor2D, bias as tf.Tensor1D), r)),
          );
        const inputs = [x, layer.kernel, layer.bias];
        const want = loss(plain)(inputs);
        const got = loss((input, kernel, bias) =>
          applyDense({ kernel: kernel as tf.Variable, bias: bias as tf.Variable }, input, activation),
        )(inputs);
        expect(
          maxDifference(
            applyDense(layer, x, activation),
            plain(x, layer.kernel as tf.Tensor2D, layer.bias as tf.Tensor1D),
          ),
        ).toBeLessThan(1e-5);
        want.forEach((g, i) => {
          expect(got[i].shape).toEqual(g.shape);
          expect(maxDifference(got[i], g)).toBeLessThan(1e-5);
        });
        // The ReLU really cut some units (so its gradient mask is tested).
        if (activation === 'relu')
          expect(tf.sum(tf.equal(applyDense(layer, x, activation), 0)).dataSync()[0]).toBeGreaterThan(0);
      });
      tf.dispose([layer.kernel, layer.bias]);
    },
  );

  it('expertMatMul: same product and gradients as a batched tf.matMul', async () => {
    await tf.setBackend(backend);
    const rng = createRng(5);
    tf.tidy(() => {
      const x = tf.tensor3d(normalArray(rng, 3 * 7 * 4), [3, 7, 4]);
      const w = tf.tensor3d(normalArray(rng, 3 * 4 * 6), [3, 4, 6]);
      const r = tf.tensor3d(normalArray(rng, 3 * 7 * 6), [3, 7, 6]);
      const loss = (f: (a: tf.Tensor3D, b: tf.Tensor3D) => tf.Tensor3D) =>
        tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(f(a as tf.Tensor3D, b as tf.Tensor3D), r)));
      expect(maxDifference(expertMatMul(x, w), tf.matMul(x, w))).toBeLessThan(1e-5);
      const want = loss((a, b) => tf.matMul(a, b))([x, w]);
      const got = loss((a, b) => expertMatMul(a, b) as tf.Tensor3D)([x, w]);
      want.forEach((g, i) => {
        expect(got[i].shape).toEqual(g.shape);
        expect(maxDifference(got[i], g)).toBeLessThan(1e-5);
      });
    });
  });
});
