// Scoring an affinity estimate against a reference, and checking planted structure.
// Matrices are row-major n×n arrays, entry [i * n + j] = source i onto target j.

export {
  meanRelativeError,
  relativeFrobeniusError,
  spearman,
  spearmanOffDiagonal,
  withinAcrossMeans,
} from '../../shared/affinityScores.ts';

/** Row-major flat matrix → nested rows (for JSON). */
export function toRows(matrix: ArrayLike<number>, n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => matrix[i * n + j]));
}
