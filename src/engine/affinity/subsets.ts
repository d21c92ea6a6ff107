// Task subsets for higher-order affinity (ALGORITHMS.md Part 1 §3.1): sampling, and the n×n
// affinity built from per-subset task losses. Shared by Grad-TAG and the brute-force truth.
import { permutation, type Rng } from '../util/random.ts';

/** Per-task losses of one trained (or estimated) subset: losses[k] belongs to subset[k]. */
export interface SubsetLosses {
  subset: number[];
  losses: Float32Array;
}

export const singletons = (n: number) => Array.from({ length: n }, (_, i) => [i]);

export function allPairs(n: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) out.push([i, j]);
  return out;
}

/** `count` subsets of `size` distinct tasks, each drawn uniformly (sorted task indices). */
export function sampleSubsets(n: number, size: number, count: number, rng: Rng): number[][] {
  if (size < 1 || size > n) throw new Error(`subset size must be in 1..${n}, got ${size}`);
  return Array.from({ length: count }, () => Array.from(permutation(rng, n).slice(0, size)).sort((a, b) => a - b));
}

export interface PairwiseAffinity {
  /** losses[i * n + j]: mean loss of target j over subsets holding source i and j; diagonal = alone. */
  losses: Float32Array;
  /** matrix[i * n + j] = 1 − losses[i,j] / losses[j,j]: relative gain of j from training with i; diagonal 0. */
  matrix: Float32Array;
  /** Pairs no subset covered; their entries fall back to the mean of the row's covered entries. */
  uncovered: number;
}

/**
 * Builds the pairwise affinity from per-subset losses. `singles[j]` is task j's loss trained alone
 * (the reference each gain is relative to). Source i onto target j = rows i, columns j.
 */
export function pairwiseAffinity(n: number, results: SubsetLosses[], singles: ArrayLike<number>): PairwiseAffinity {
  const sum = new Float64Array(n * n);
  const count = new Int32Array(n * n);
  for (const { subset, losses } of results) {
    subset.forEach((target, k) => {
      for (const source of subset) {
        if (source === target) continue;
        sum[source * n + target] += losses[k];
        count[source * n + target]++;
      }
    });
  }
  const losses = new Float32Array(n * n);
  const matrix = new Float32Array(n * n);
  let uncovered = 0;
  for (let i = 0; i < n; i++) {
    losses[i * n + i] = singles[i];
    let rowSum = 0;
    let rowCount = 0;
    for (let j = 0; j < n; j++) {
      if (i === j || count[i * n + j] === 0) continue;
      losses[i * n + j] = sum[i * n + j] / count[i * n + j];
      matrix[i * n + j] = 1 - losses[i * n + j] / singles[j];
      rowSum += matrix[i * n + j];
      rowCount++;
    }
    for (let j = 0; j < n; j++) {
      if (i === j || count[i * n + j] > 0) continue;
      uncovered++;
      matrix[i * n + j] = rowCount > 0 ? rowSum / rowCount : 0;
      losses[i * n + j] = singles[j] * (1 - matrix[i * n + j]);
    }
  }
  return { losses, matrix, uncovered };
}
