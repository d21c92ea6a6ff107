// Exact grouping by enumeration (ALGORITHMS Part 1 §4.5): every set partition of n ≤ 10 tasks
// into exactly k groups, as restricted-growth strings, scored incrementally.
import type { SquareMatrix } from './matrix.ts';
import { checkGroupCount, GroupingError } from './validate.ts';

export const EXHAUSTIVE_MAX_TASKS = 10;

export interface ExhaustiveResult {
  assignment: number[];
  objective: number;
  /** Number of partitions scored: the Stirling number S(n, k). */
  partitionsScored: number;
}

export function solveExhaustive(t: SquareMatrix, k: number): ExhaustiveResult {
  const { n, values } = t;
  checkGroupCount(k, n);
  if (n > EXHAUSTIVE_MAX_TASKS) {
    throw new GroupingError(
      `exhaustive search is limited to ${EXHAUSTIVE_MAX_TASKS} tasks (got ${n}); use --method sdp`,
    );
  }
  const assignment = new Array<number>(n).fill(0);
  const sums = new Float64Array(k); // Σ_{i,j∈C} T[i,j] of each open group
  const sizes = new Int32Array(k);
  let best = -Infinity;
  let bestAssignment = assignment.slice();
  let scored = 0;

  // How much task i adds to group g's sum given tasks 0..i-1 already placed.
  const gain = (i: number, g: number) => {
    let sum = values[i * n + i];
    for (let j = 0; j < i; j++) if (assignment[j] === g) sum += values[i * n + j] + values[j * n + i];
    return sum;
  };

  const visit = (i: number, used: number) => {
    if (i === n) {
      if (used !== k) return;
      scored++;
      let objective = 0;
      for (let g = 0; g < k; g++) objective += sums[g] / sizes[g];
      if (objective > best + 1e-12) {
        best = objective;
        bestAssignment = assignment.slice();
      }
      return;
    }
    // Restricted growth: task i joins an open group or opens the next one; prune when the
    // remaining tasks could no longer open all k groups.
    const canJoin = n - i > k - used;
    for (let g = 0; g < (used < k ? used + 1 : used); g++) {
      if (g < used && !canJoin) continue;
      const add = gain(i, g);
      assignment[i] = g;
      sums[g] += add;
      sizes[g]++;
      visit(i + 1, g === used ? used + 1 : used);
      sums[g] -= add;
      sizes[g]--;
    }
  };
  visit(0, 0);
  return { assignment: bestAssignment, objective: best, partitionsScored: scored };
}
