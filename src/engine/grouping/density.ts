// The grouping objective (ALGORITHMS Part 1 §4.1): average within-group density
// D(𝒞) = Σ_c (1/|C_c|) Σ_{i,j ∈ C_c} T[i,j], diagonal included, on the matrix as given.
import type { SquareMatrix } from './matrix.ts';

/** A hard partition of n tasks: assignment[i] = group of task i, groups numbered 0..k-1. */
export interface Partition {
  assignment: number[];
  groups: number[][];
}

export function averageDensity(t: SquareMatrix, assignment: ArrayLike<number>): number {
  const { n, values } = t;
  const sums = new Map<number, number>();
  const sizes = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const g = assignment[i];
    sizes.set(g, (sizes.get(g) ?? 0) + 1);
    let sum = 0;
    for (let j = 0; j < n; j++) if (assignment[j] === g) sum += values[i * n + j];
    sums.set(g, (sums.get(g) ?? 0) + sum);
  }
  let total = 0;
  for (const [g, sum] of sums) total += sum / sizes.get(g)!;
  return total;
}

/** Renumbers groups by first appearance (task 0 is in group 0, …) and lists each group's tasks. */
export function toPartition(assignment: ArrayLike<number>): Partition {
  const relabel = new Map<number, number>();
  const out: number[] = [];
  const groups: number[][] = [];
  for (let i = 0; i < assignment.length; i++) {
    let g = relabel.get(assignment[i]);
    if (g === undefined) {
      g = relabel.size;
      relabel.set(assignment[i], g);
      groups.push([]);
    }
    out.push(g);
    groups[g].push(i);
  }
  return { assignment: out, groups };
}

export const countGroups = (assignment: ArrayLike<number>) => new Set(Array.from(assignment)).size;

/** True when `assignment` uses exactly the labels 0..k-1, each at least once. */
export function isValidPartition(assignment: ArrayLike<number>, n: number, k: number): boolean {
  if (assignment.length !== n) return false;
  const seen = new Array<boolean>(k).fill(false);
  for (let i = 0; i < n; i++) {
    const g = assignment[i];
    if (!Number.isInteger(g) || g < 0 || g >= k) return false;
    seen[g] = true;
  }
  return seen.every(Boolean);
}
