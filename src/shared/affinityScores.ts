// Scoring an affinity estimate against a reference (ALGORITHMS.md Part 1 §3): pure numbers, no
// tensors, so the engine (CLI, benchmarks) and the page (estimate-vs-truth scatter) share them.
// Matrices are row-major n×n arrays, entry [i * n + j] = source i onto target j.
import { pearson } from './stats.ts';

/** Indices of off-diagonal entries of an n×n matrix. */
export function offDiagonal(n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) out.push(i * n + j);
  return out;
}

/** mean |est − ref| / |ref| over the given entries (all by default); ref entries of 0 are skipped. */
export function meanRelativeError(
  estimate: ArrayLike<number>,
  reference: ArrayLike<number>,
  entries?: number[],
): number {
  const at = entries ?? Array.from({ length: reference.length }, (_, k) => k);
  let sum = 0;
  let count = 0;
  for (const k of at) {
    if (reference[k] === 0 || !Number.isFinite(reference[k]) || !Number.isFinite(estimate[k])) continue;
    sum += Math.abs(estimate[k] - reference[k]) / Math.abs(reference[k]);
    count++;
  }
  return count > 0 ? sum / count : NaN;
}

/**
 * ‖est − ref‖_F / ‖ref‖_F over the given entries (all by default): ALGORITHMS.md Part 1 §3's error
 * measure. Unlike a mean of per-entry relative errors it does not explode when some reference entries
 * are near zero (a small run's affinities often are). NaN when the reference is zero on every entry.
 */
export function relativeFrobeniusError(
  estimate: ArrayLike<number>,
  reference: ArrayLike<number>,
  entries?: number[],
): number {
  const at = entries ?? Array.from({ length: reference.length }, (_, k) => k);
  let diff = 0;
  let norm = 0;
  for (const k of at) {
    if (!Number.isFinite(reference[k]) || !Number.isFinite(estimate[k])) continue;
    diff += (estimate[k] - reference[k]) ** 2;
    norm += reference[k] ** 2;
  }
  return norm > 0 ? Math.sqrt(diff / norm) : NaN;
}

/** Ranks 1..n with ties given their average rank. */
function ranks(values: number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(values.length);
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && order[end + 1][0] === order[start][0]) end++;
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) out[order[k][1]] = rank;
    start = end + 1;
  }
  return out;
}

/** Spearman rank correlation of two equally long series. */
export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return pearson(ranks(Array.from(a)), ranks(Array.from(b)));
}

/** Spearman rank correlation of the off-diagonal entries of two n×n matrices. */
export function spearmanOffDiagonal(estimate: ArrayLike<number>, reference: ArrayLike<number>, n: number): number {
  const at = offDiagonal(n);
  return spearman(
    at.map((k) => estimate[k]),
    at.map((k) => reference[k]),
  );
}

/** Mean off-diagonal affinity between tasks of the same planted group, and across groups. */
export function withinAcrossMeans(
  matrix: ArrayLike<number>,
  groups: readonly number[],
): { within: number; across: number } {
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
