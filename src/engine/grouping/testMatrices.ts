// Seeded affinity matrices with known answers, shared by the grouping tests and the benchmark.
import { squareFromRows, type SquareMatrix } from './matrix.ts';
import { createRng } from '../util/random.ts';

/** Symmetric, entries U(0, 1): no planted structure, so the SDP relaxation is often not tight. */
export function randomSymmetricMatrix(n: number, seed: number): SquareMatrix {
  const rng = createRng(seed);
  const rows = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) rows[i][j] = rows[j][i] = rng.next();
  return squareFromRows(rows);
}

export interface PlantedLevels {
  within: number;
  across: number;
  /** Self-affinity; `within` when absent. */
  diagonal?: number;
}

/** `within` (1) inside blocks (diagonal included unless given), `across` (0) between them, plus
 * symmetric N(0, noise²); task i is in group labels[i]. */
export function plantedMatrix(
  labels: number[],
  noise: number,
  seed: number,
  levels: PlantedLevels = { within: 1, across: 0 },
): SquareMatrix {
  const rng = createRng(seed);
  const n = labels.length;
  const rows = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const level =
        i === j && levels.diagonal !== undefined
          ? levels.diagonal
          : labels[i] === labels[j]
            ? levels.within
            : levels.across;
      rows[i][j] = rows[j][i] = level + noise * rng.normal();
    }
  }
  return squareFromRows(rows);
}

/** Labels i mod k: groups interleave, so recovering them is not just reading off adjacency. */
export const interleavedLabels = (n: number, k: number) => Array.from({ length: n }, (_, i) => i % k);

/** True when two assignments describe the same partition (up to renaming groups). */
export function samePartition(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    for (let j = i + 1; j < a.length; j++) if ((a[i] === a[j]) !== (b[i] === b[j])) return false;
  }
  return true;
}
