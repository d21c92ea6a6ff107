// Scoring an affinity estimate against a reference, and checking planted structure.
// Matrices are row-major n×n arrays, entry [i * n + j] = source i onto target j.

export { meanRelativeError, spearman, spearmanOffDiagonal } from '../../affinityScores.ts';

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

/** Mean off-diagonal affinity between tasks of the same planted group, and across groups. */
export function withinAcrossMeans(matrix: ArrayLike<number>, groups: readonly number[]): { within: number; across: number } {
  const n = groups.length;
  let within = 0;
  let across = 0;
  let nWithin = 0;
  let nAcross = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      if (groups[i] === groups[j]) {
        within += matrix[i * n + j];
        nWithin++;
      } else {
        across += matrix[i * n + j];
        nAcross++;
      }
    }
  }
  return { within: within / nWithin, across: across / nAcross };
}

/** Row-major flat matrix → nested rows (for JSON). */
export function toRows(matrix: ArrayLike<number>, n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => matrix[i * n + j]));
}
