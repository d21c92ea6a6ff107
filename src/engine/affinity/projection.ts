// Seeded random projection for Grad-TAG's gradient features (ALGORITHMS.md Part 1 §3.2 step 2):
// P ∈ R^{p×d} with i.i.d. entries ±1/√d (Rademacher, as in the authors' code), or the identity
// (no projection) for checks. The same seed gives the same P on every backend.
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../util/random.ts';

export type ProjectionKind = 'rademacher' | 'identity';

export function rademacherValues(numParams: number, dim: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const scale = 1 / Math.sqrt(dim);
  const values = new Float32Array(numParams * dim);
  // 32 signs per draw: the generator is the bottleneck for large p·d.
  for (let k = 0; k < values.length; k += 32) {
    const bits = Math.floor(rng.next() * 4294967296);
    const end = Math.min(32, values.length - k);
    for (let b = 0; b < end; b++) values[k + b] = (bits >>> b) & 1 ? scale : -scale;
  }
  return values;
}

/** [numParams, dim] projection tensor; `identity` ignores dim and returns I_p. */
export function createProjection(kind: ProjectionKind, numParams: number, dim: number, seed: number): tf.Tensor2D {
  if (kind === 'identity') return tf.eye(numParams) as tf.Tensor2D;
  return tf.tensor2d(rademacherValues(numParams, dim, seed), [numParams, dim]);
}
