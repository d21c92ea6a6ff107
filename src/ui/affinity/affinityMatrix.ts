// Pure helpers for the affinity view: symmetrising, reordering by groups, the screen-reader summary
// and the estimate-vs-truth pairs. Matrices are row-major n×n, [i * n + j] = source i onto target j.
import { offDiagonal, relativeFrobeniusError, spearmanOffDiagonal } from '../../shared/affinityScores.ts';

/**
 * (M + Mᵀ)/2 with a zero diagonal, as nested rows: what the grouping job takes for ordering. A task's
 * affinity onto itself (large for lookahead and cosine) says nothing about which tasks go together,
 * and left in it makes every task its own best group.
 */
export function similarityRows(matrix: ArrayLike<number>, n: number): number[][] {
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (i === j ? 0 : (matrix[i * n + j] + matrix[j * n + i]) / 2)),
  );
}

/** Symmetric colour domain spanning the off-diagonal entries; undefined when there are none. */
export function offDiagonalDomain(matrix: ArrayLike<number>, n: number): [number, number] | undefined {
  let extent = 0;
  for (const k of offDiagonal(n)) if (Number.isFinite(matrix[k])) extent = Math.max(extent, Math.abs(matrix[k]));
  return extent > 0 ? [-extent, extent] : undefined;
}

/** Rows and columns reordered: out[a][b] = matrix[order[a]][order[b]]. */
export function permuteMatrix(matrix: ArrayLike<number>, n: number, order: number[]): Float32Array {
  const out = new Float32Array(n * n);
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) out[a * n + b] = matrix[order[a] * n + order[b]];
  return out;
}

/** Tasks listed group by group (groups ordered by their first task), each group in task order. */
export function orderFromGroups(groups: number[][], n: number): number[] {
  const sorted = groups
    .map((g) => [...g].sort((a, b) => a - b))
    .filter((g) => g.length > 0)
    .sort((a, b) => a[0] - b[0]);
  const order = sorted.flat().filter((t) => t >= 0 && t < n);
  const seen = new Set(order);
  // A stale grouping (from a matrix of another size) must still give a full permutation.
  if (seen.size !== order.length) return identityOrder(n);
  for (let t = 0; t < n; t++) if (!seen.has(t)) order.push(t);
  return order;
}

export const identityOrder = (n: number) => Array.from({ length: n }, (_, i) => i);

export interface RankedEntry {
  source: number;
  target: number;
  value: number;
}

/** Off-diagonal entries, largest first. */
export function rankEntries(matrix: ArrayLike<number>, n: number): RankedEntry[] {
  return offDiagonal(n)
    .map((k) => ({ source: Math.floor(k / n), target: k % n, value: matrix[k] }))
    .filter((e) => Number.isFinite(e.value))
    .sort((a, b) => b.value - a.value);
}

const fmt = (v: number) => (Math.abs(v) >= 0.01 || v === 0 ? v.toFixed(3) : v.toExponential(2));

/** One-paragraph description for screen readers: what is shown, the strongest help and interference. */
export function describeAffinity(matrix: ArrayLike<number>, names: string[], what: string, count = 3): string {
  const n = names.length;
  const ranked = rankEntries(matrix, n);
  if (ranked.length === 0) return `${what}: no finite values yet.`;
  const phrase = (e: RankedEntry) => `${names[e.source]} → ${names[e.target]} ${fmt(e.value)}`;
  const strongest = ranked.slice(0, count).map(phrase);
  const negatives = ranked
    .filter((e) => e.value < 0)
    .slice(-count)
    .reverse()
    .map(phrase);
  return (
    `${what}, ${n}×${n} tasks (rows: source, columns: target). ` +
    `Strongest affinities: ${strongest.join('; ')}.` +
    (negatives.length ? ` Most negative (interference): ${negatives.join('; ')}.` : ' No negative affinities.')
  );
}

export interface Comparison {
  /** Off-diagonal pairs (truth, estimate) in row-major order, with their task indices. */
  points: { source: number; target: number; truth: number; estimate: number }[];
  /** ‖estimate − truth‖_F / ‖truth‖_F off the diagonal; NaN when the truth is zero there. */
  relativeError: number;
  spearman: number;
}

export function compareWithTruth(estimate: ArrayLike<number>, truth: ArrayLike<number>, n: number): Comparison {
  const at = offDiagonal(n);
  return {
    points: at.map((k) => ({ source: Math.floor(k / n), target: k % n, truth: truth[k], estimate: estimate[k] })),
    relativeError: relativeFrobeniusError(estimate, truth, at),
    spearman: spearmanOffDiagonal(estimate, truth, n),
  };
}
