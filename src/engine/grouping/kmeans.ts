// Seeded k-means (k-means++ starts, Lloyd steps) on the rows of a small dense matrix; the
// shared last step of SDP rounding and spectral clustering. Always returns exactly k clusters.
import type { Rng } from '../util/random.ts';

export interface KMeansOptions {
  restarts?: number;
  maxIterations?: number;
}

function squaredDistance(points: Float64Array, i: number, centres: Float64Array, c: number, dim: number): number {
  let sum = 0;
  for (let d = 0; d < dim; d++) sum += (points[i * dim + d] - centres[c * dim + d]) ** 2;
  return sum;
}

function seedCentres(points: Float64Array, n: number, dim: number, k: number, rng: Rng): Float64Array {
  const centres = new Float64Array(k * dim);
  const nearest = new Float64Array(n).fill(Infinity);
  let pick = rng.int(n);
  for (let c = 0; c < k; c++) {
    centres.set(points.subarray(pick * dim, (pick + 1) * dim), c * dim);
    let total = 0;
    for (let i = 0; i < n; i++) {
      nearest[i] = Math.min(nearest[i], squaredDistance(points, i, centres, c, dim));
      total += nearest[i];
    }
    // Next centre drawn with probability ∝ squared distance (k-means++); uniform if all coincide.
    let target = rng.next() * total;
    pick = total > 0 ? -1 : rng.int(n);
    for (let i = 0; i < n && pick < 0; i++) {
      target -= nearest[i];
      if (target <= 0 && nearest[i] > 0) pick = i;
    }
    if (pick < 0) pick = nearest.findIndex((d) => d > 0);
    if (pick < 0) pick = rng.int(n);
  }
  return centres;
}

function lloyd(points: Float64Array, n: number, dim: number, k: number, rng: Rng, maxIterations: number) {
  const centres = seedCentres(points, n, dim, k, rng);
  const labels = new Int32Array(n).fill(-1);
  const distances = new Float64Array(n);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    let changed = false;
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestDistance = Infinity;
      for (let c = 0; c < k; c++) {
        const d = squaredDistance(points, i, centres, c, dim);
        if (d < bestDistance) [best, bestDistance] = [c, d];
      }
      distances[i] = bestDistance;
      if (labels[i] !== best) [labels[i], changed] = [best, true];
    }
    fillEmptyClusters(labels, distances, k);
    if (!changed && iteration > 0) break;
    centres.fill(0);
    const counts = new Int32Array(k);
    for (let i = 0; i < n; i++) {
      counts[labels[i]]++;
      for (let d = 0; d < dim; d++) centres[labels[i] * dim + d] += points[i * dim + d];
    }
    for (let c = 0; c < k; c++) for (let d = 0; d < dim; d++) centres[c * dim + d] /= counts[c];
  }
  let inertia = 0;
  for (let i = 0; i < n; i++) inertia += squaredDistance(points, i, centres, labels[i], dim);
  return { labels, inertia };
}

/** An empty cluster takes the point farthest from its centre among clusters with ≥ 2 points. */
function fillEmptyClusters(labels: Int32Array, distances: Float64Array, k: number): void {
  const counts = new Int32Array(k);
  for (const l of labels) counts[l]++;
  for (let c = 0; c < k; c++) {
    if (counts[c] > 0) continue;
    let far = -1;
    for (let i = 0; i < labels.length; i++) {
      if (counts[labels[i]] > 1 && (far < 0 || distances[i] > distances[far])) far = i;
    }
    counts[labels[far]]--;
    labels[far] = c;
    counts[c] = 1;
    distances[far] = 0;
  }
}

/** Clusters n points of dimension dim (row-major) into exactly k ≤ n non-empty clusters. */
export function kMeans(
  points: Float64Array,
  n: number,
  dim: number,
  k: number,
  rng: Rng,
  options: KMeansOptions = {},
): number[] {
  const { restarts = 8, maxIterations = 100 } = options;
  let best: { labels: Int32Array; inertia: number } | null = null;
  for (let r = 0; r < restarts; r++) {
    const run = lloyd(points, n, dim, k, rng, maxIterations);
    if (!best || run.inertia < best.inertia - 1e-12) best = run;
  }
  return Array.from(best!.labels);
}
