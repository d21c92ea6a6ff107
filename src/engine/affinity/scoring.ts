// Scoring an affinity estimate against a reference, and checking planted structure.
// Matrices are row-major n×n arrays, entry [i * n + j] = source i onto target j.

export { meanRelativeError, spearman, spearmanOffDiagonal, withinAcrossMeans } from '../../shared/affinityScores.ts';

/** ‖est − ref‖_F / ‖ref‖_F. */
export function relativeFrobeniusError(estimate: ArrayLike<number>, reference: ArrayLike<number>): number {
  let diff = 0;
  let norm = 0;
  for (let k = 0; k < reference.length; k++) {
    diff += (estimate[k] - reference[k]) ** 2;
    norm += reference[k] ** 2;
  }
  return Math.sqrt(diff / norm);
}

/** Row-major flat matrix → nested rows (for JSON). */
export function toRows(matrix: ArrayLike<number>, n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => matrix[i * n + j]));
}
