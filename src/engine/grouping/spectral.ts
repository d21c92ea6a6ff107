// Spectral baseline: the top-k eigenvectors of T_s (the relaxation max tr(YᵀT_sY), YᵀY = I, i.e.
// the same objective without X ≥ 0 and X1 = 1), rows scaled to unit length, then k-means.
// No local polish, so it shows what the plain spectral relaxation gives.
import { averageDensity } from './density.ts';
import { topEigenpairs } from './eigen.ts';
import { kMeans } from './kmeans.ts';
import { symmetrise, type SquareMatrix } from './matrix.ts';
import type { Rng } from '../util/random.ts';

export function spectralGrouping(t: SquareMatrix, k: number, rng: Rng): { assignment: number[]; objective: number } {
  const n = t.n;
  const { vectors } = topEigenpairs(symmetrise(t), k, rng);
  for (let i = 0; i < n; i++) {
    let norm = 0;
    for (let c = 0; c < k; c++) norm += vectors[i * k + c] ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let c = 0; c < k; c++) vectors[i * k + c] /= norm;
  }
  const assignment = kMeans(vectors, n, k, k, rng);
  return { assignment, objective: averageDensity(t, assignment) };
}
