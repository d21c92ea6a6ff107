// From the relaxed X = VVᵀ to a hard partition with exactly k non-empty groups.
// Two roundings (ALGORITHMS Part 1 §4.3): the official threshold rule X_ij > 1/n, and k-means on
// the rows of V; each is repaired to exactly k groups, polished by single-task moves, and the one
// with the higher average density wins. Both are reported, so the polish is visible. The polish
// is single-task moves and pair swaps, plus (n ≤ 200) a few random kicks followed by re-polishing.
import { averageDensity } from './density.ts';
import { kMeans } from './kmeans.ts';
import { improveWithKicks } from './localSearch.ts';
import { symmetrise, type SquareMatrix } from './matrix.ts';
import type { Rng } from '../util/random.ts';

export type RoundingName = 'threshold' | 'kmeans';

export interface RoundingCandidate {
  name: RoundingName;
  /** Average density straight after rounding and repair to k groups, before the polish. */
  roundedObjective: number;
  assignment: number[];
  objective: number;
}

export interface Rounded {
  assignment: number[];
  objective: number;
  chosen: RoundingName;
  candidates: RoundingCandidate[];
}

/** Official rule: scan i in order, gather every unassigned j ≥ i with X_ij > 1/n into a new group. */
export function thresholdRounding(factor: Float64Array, n: number, r: number): number[] {
  const x = (i: number, j: number) => {
    let sum = 0;
    for (let c = 0; c < r; c++) sum += factor[i * r + c] * factor[j * r + c];
    return sum;
  };
  // One group of all n tasks has X_ii = 1/n exactly, so compare with a small tolerance.
  const threshold = 1 / n - 1e-6;
  const assignment = new Array<number>(n).fill(-1);
  let groups = 0;
  for (let i = 0; i < n; i++) {
    if (assignment[i] >= 0) continue;
    assignment[i] = groups;
    for (let j = i + 1; j < n; j++) if (assignment[j] < 0 && x(i, j) > threshold) assignment[j] = groups;
    groups++;
  }
  return assignment;
}

/** Merges (too many groups) or splits off single tasks (too few) until there are exactly k groups,
 * each time taking the change that keeps the average density highest. */
export function repairGroupCount(t: SquareMatrix, start: number[], k: number): number[] {
  const n = t.n;
  let assignment = start.slice();
  const relabel = () => {
    const map = new Map<number, number>();
    assignment = assignment.map((g) => (map.has(g) ? map.get(g)! : (map.set(g, map.size), map.size - 1)));
    return map.size;
  };
  let count = relabel();
  if (count > k) {
    // Block sums B[a][b] = Σ_{i∈a, j∈b} T[i,j]: merging a and b turns B_aa/|a| + B_bb/|b| into
    // (B_aa + B_bb + B_ab + B_ba)/(|a| + |b|), so each merge is scored in O(1).
    const blocks = Array.from({ length: count }, () => new Float64Array(count));
    const sizes = new Array<number>(count).fill(0);
    for (let i = 0; i < n; i++) {
      sizes[assignment[i]]++;
      for (let j = 0; j < n; j++) blocks[assignment[i]][assignment[j]] += t.values[i * n + j];
    }
    const alive = new Array<boolean>(count).fill(true);
    const target = Array.from({ length: count }, (_, g) => g);
    for (let left = count; left > k; left--) {
      let best = -Infinity;
      let pair: [number, number] = [-1, -1];
      for (let a = 0; a < count; a++) {
        if (!alive[a]) continue;
        for (let b = a + 1; b < count; b++) {
          if (!alive[b]) continue;
          const merged = (blocks[a][a] + blocks[b][b] + blocks[a][b] + blocks[b][a]) / (sizes[a] + sizes[b]);
          const change = merged - blocks[a][a] / sizes[a] - blocks[b][b] / sizes[b];
          if (change > best) [best, pair] = [change, [a, b]];
        }
      }
      const [a, b] = pair;
      const diagonal = blocks[a][a] + blocks[a][b] + blocks[b][a] + blocks[b][b];
      for (let c = 0; c < count; c++) {
        if (c === a || c === b) continue;
        blocks[a][c] += blocks[b][c];
        blocks[c][a] += blocks[c][b];
      }
      blocks[a][a] = diagonal;
      sizes[a] += sizes[b];
      alive[b] = false;
      for (let g = 0; g < count; g++) if (target[g] === b) target[g] = a;
    }
    assignment = assignment.map((g) => target[g]);
    count = relabel();
  }
  while (count < k) {
    let best = -Infinity;
    let task = -1;
    const sizes = new Array<number>(count).fill(0);
    assignment.forEach((g) => sizes[g]++);
    for (let i = 0; i < n; i++) {
      if (sizes[assignment[i]] < 2) continue;
      const trial = assignment.slice();
      trial[i] = count;
      const score = averageDensity(t, trial);
      if (score > best) [best, task] = [score, i];
    }
    assignment[task] = count;
    count++;
  }
  return assignment;
}

export function roundRelaxation(t: SquareMatrix, factor: Float64Array, rank: number, k: number, rng: Rng): Rounded {
  const n = t.n;
  // Merging/splitting by full re-scoring is O(g²·n²); on large n with many threshold groups,
  // start the threshold candidate from k-means instead of paying for it.
  const threshold = thresholdRounding(factor, n, rank);
  const thresholdGroups = new Set(threshold).size;
  const starts: [RoundingName, number[]][] = [['kmeans', kMeans(factor, n, rank, k, rng)]];
  if (n <= 60 || Math.abs(thresholdGroups - k) <= 2) starts.push(['threshold', threshold]);
  const s = symmetrise(t); // local search on T_s: same D for every partition, cheaper bookkeeping
  const kicks = n <= 200 ? 30 : 0;
  const candidates = starts.map(([name, start]): RoundingCandidate => {
    const repaired = repairGroupCount(t, start, k);
    const polished = improveWithKicks(s, repaired, k, rng, kicks, (a) => averageDensity(s, a));
    return {
      name,
      roundedObjective: averageDensity(t, repaired),
      assignment: polished,
      objective: averageDensity(t, polished),
    };
  });
  const best = candidates.reduce((a, b) => (b.objective > a.objective + 1e-12 ? b : a));
  return { assignment: best.assignment, objective: best.objective, chosen: best.name, candidates };
}
