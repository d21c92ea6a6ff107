// Adam over all of a model's variables at once: the gradients are concatenated into one flat vector,
// the moments live in two flat tensors, and the new parameters are split back into the variables.
// About 30 kernels a step instead of 14 per variable. The arithmetic is tf.train.adam's, op for op
// and in float32 (bias corrections included), so it gives the same numbers; the trainer's global-norm
// clipping and decoupled weight decay are applied on the flat vectors.
import * as tf from '@tensorflow/tfjs';

const BETA1 = 0.9;
const BETA2 = 0.999;

export interface FlatAdamStep {
  learningRate: number;
  /** Global L2 norm the gradient is scaled down to (0: no clipping). */
  clipNorm: number;
  /** Factor applied to every parameter after the update (1 − lr·weightDecay; 1: none). */
  keep: number;
}

export interface FlatAdam {
  /** One update from `grads` (keyed by variable name; a variable without one keeps its moments, as tfjs does). */
  step(grads: tf.NamedTensorMap, options: FlatAdamStep): void;
  dispose(): void;
}

/** Scales `g` so its L2 norm is at most `maxNorm` (no read-back). */
export function clipFlat(g: tf.Tensor1D, maxNorm: number): tf.Tensor1D {
  const norm = tf.sqrt(tf.sum(tf.square(g)));
  return tf.mul(g, tf.minimum(1, tf.div(maxNorm, tf.add(norm, 1e-12))));
}

export function createFlatAdam(variables: tf.Variable[]): FlatAdam {
  const sizes = variables.map((v) => v.size);
  const total = sizes.reduce((a, b) => a + b, 0);
  const epsilon = tf.backend().epsilon();
  let m: tf.Tensor1D = tf.zeros([total]);
  let v: tf.Tensor1D = tf.zeros([total]);
  // β^t as tfjs keeps it: a float32 scalar multiplied by β after every step.
  let beta1Power = Math.fround(BETA1);
  let beta2Power = Math.fround(BETA2);
  const flat = (t: tf.Tensor) => tf.reshape(t, [-1]);

  return {
    step(grads, { learningRate, clipNorm, keep }) {
      if (total === 0) return;
      const missing = variables.filter((x) => !grads[x.name]).length > 0;
      const [newM, newV] = tf.tidy((): tf.Tensor1D[] => {
        let g = tf.concat(
          variables.map((x, i) => (grads[x.name] ? flat(grads[x.name]) : tf.zeros([sizes[i]]))),
        ) as tf.Tensor1D;
        if (clipNorm > 0) g = clipFlat(g, clipNorm);
        const correction1 = Math.fround(1 - beta1Power);
        const correction2 = Math.fround(1 - beta2Power);
        let m1 = tf.add(tf.mul(m, BETA1), tf.mul(g, 1 - BETA1));
        let v1 = tf.add(tf.mul(v, BETA2), tf.mul(tf.square(g), 1 - BETA2));
        let update = tf.mul(
          tf.div(tf.div(m1, correction1), tf.add(tf.sqrt(tf.div(v1, correction2)), epsilon)),
          -learningRate,
        );
        if (missing) {
          // Rare (a variable the loss did not reach): its moments stay and it does not move.
          const has = tf.concat(variables.map((x, i) => tf.fill([sizes[i]], grads[x.name] ? 1 : 0, 'bool')));
          m1 = tf.where(has, m1, m);
          v1 = tf.where(has, v1, v);
          update = tf.where(has, update, tf.zerosLike(update));
        }
        let values = tf.add(update, tf.concat(variables.map(flat)));
        if (keep !== 1) values = tf.mul(values, keep);
        tf.split(values, sizes).forEach((piece, i) => variables[i].assign(tf.reshape(piece, variables[i].shape)));
        return [m1 as tf.Tensor1D, v1 as tf.Tensor1D];
      });
      tf.dispose([m, v]);
      m = newM;
      v = newV;
      beta1Power = Math.fround(beta1Power * Math.fround(BETA1));
      beta2Power = Math.fround(beta2Power * Math.fround(BETA2));
    },
    dispose: () => tf.dispose([m, v]),
  };
}
