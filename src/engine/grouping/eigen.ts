// Symmetric eigenvectors for the spectral baseline: cyclic Jacobi for small matrices, and
// subspace iteration with a Rayleigh–Ritz step for the top k of a large one.
import { multiplyInto, type SquareMatrix } from './matrix.ts';
import type { Rng } from '../util/random.ts';

export interface EigenPairs {
  /** Descending. */
  values: Float64Array;
  /** Row-major n×m: column c is the eigenvector of values[c]. */
  vectors: Float64Array;
  m: number;
}

/** All eigenpairs of a small symmetric matrix (row-major m×m), sorted descending. */
export function jacobiEigen(matrix: Float64Array, m: number, maxSweeps = 100): EigenPairs {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(m * m);
  for (let i = 0; i < m; i++) v[i * m + i] = 1;
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let off = 0;
    for (let p = 0; p < m; p++) for (let q = p + 1; q < m; q++) off += a[p * m + q] ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < m; p++) {
      for (let q = p + 1; q < m; q++) {
        const apq = a[p * m + q];
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * m + q] - a[p * m + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < m; k++) {
          const akp = a[k * m + p];
          const akq = a[k * m + q];
          a[k * m + p] = c * akp - s * akq;
          a[k * m + q] = s * akp + c * akq;
        }
        for (let k = 0; k < m; k++) {
          const apk = a[p * m + k];
          const aqk = a[q * m + k];
          a[p * m + k] = c * apk - s * aqk;
          a[q * m + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < m; k++) {
          const vkp = v[k * m + p];
          const vkq = v[k * m + q];
          v[k * m + p] = c * vkp - s * vkq;
          v[k * m + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: m }, (_, i) => i).sort((i, j) => a[j * m + j] - a[i * m + i]);
  const values = Float64Array.from(order, (i) => a[i * m + i]);
  const vectors = new Float64Array(m * m);
  for (let r = 0; r < m; r++) order.forEach((col, c) => (vectors[r * m + c] = v[r * m + col]));
  return { values, vectors, m };
}

/** Orthonormalises the k columns of q (row-major n×k) in place, modified Gram–Schmidt. */
function orthonormalise(q: Float64Array, n: number, k: number): void {
  for (let c = 0; c < k; c++) {
    for (let p = 0; p < c; p++) {
      let proj = 0;
      for (let i = 0; i < n; i++) proj += q[i * k + c] * q[i * k + p];
      for (let i = 0; i < n; i++) q[i * k + c] -= proj * q[i * k + p];
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += q[i * k + c] ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < n; i++) q[i * k + c] /= norm;
  }
}

/** The k algebraically largest eigenpairs of a symmetric matrix (row-major n×k vectors). */
export function topEigenpairs(a: SquareMatrix, k: number, rng: Rng, maxIterations = 500, tolerance = 1e-9): EigenPairs {
  const n = a.n;
  if (n <= 60) {
    const all = jacobiEigen(a.values, n);
    const vectors = new Float64Array(n * k);
    for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) vectors[i * k + c] = all.vectors[i * n + c];
    return { values: all.values.slice(0, k), vectors, m: k };
  }
  // Shift by a Gershgorin bound so the top-k in magnitude are the top-k algebraically.
  let shift = 0;
  for (let i = 0; i < n; i++) {
    let row = 0;
    for (let j = 0; j < n; j++) row += Math.abs(a.values[i * n + j]);
    shift = Math.max(shift, row);
  }
  let q = new Float64Array(n * k);
  for (let i = 0; i < q.length; i++) q[i] = rng.normal();
  orthonormalise(q, n, k);
  const z = new Float64Array(n * k);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    multiplyInto(a, q, k, z);
    for (let i = 0; i < z.length; i++) z[i] += shift * q[i];
    const next = Float64Array.from(z);
    orthonormalise(next, n, k);
    // Distance between subspaces: ‖next − q qᵀ next‖_F.
    const overlap = new Float64Array(k * k);
    for (let i = 0; i < n; i++)
      for (let r = 0; r < k; r++) for (let c = 0; c < k; c++) overlap[r * k + c] += q[i * k + r] * next[i * k + c];
    let residual = 0;
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < k; c++) {
        let inSpan = 0;
        for (let r = 0; r < k; r++) inSpan += q[i * k + r] * overlap[r * k + c];
        residual += (next[i * k + c] - inSpan) ** 2;
      }
    }
    q = next;
    if (Math.sqrt(residual) < tolerance) break;
  }
  // Rayleigh–Ritz: eigenvectors of QᵀAQ rotate Q onto individual eigenvectors.
  multiplyInto(a, q, k, z);
  const h = new Float64Array(k * k);
  for (let i = 0; i < n; i++)
    for (let r = 0; r < k; r++) for (let c = 0; c < k; c++) h[r * k + c] += q[i * k + r] * z[i * k + c];
  const small = jacobiEigen(h, k);
  const vectors = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) {
      let sum = 0;
      for (let r = 0; r < k; r++) sum += q[i * k + r] * small.vectors[r * k + c];
      vectors[i * k + c] = sum;
    }
  }
  return { values: small.values, vectors, m: k };
}
