// Dense square matrices as row-major Float64Arrays: all the linear algebra grouping needs,
// without tfjs (the solvers are small, sequential and want float64).

export interface SquareMatrix {
  n: number;
  /** Row-major: entry (i, j) at values[i * n + j]. */
  values: Float64Array;
}

export function squareFromRows(rows: number[][]): SquareMatrix {
  const n = rows.length;
  const values = new Float64Array(n * n);
  rows.forEach((row, i) => values.set(row, i * n));
  return { n, values };
}

export const toRows = (m: SquareMatrix): number[][] =>
  Array.from({ length: m.n }, (_, i) => Array.from(m.values.subarray(i * m.n, (i + 1) * m.n)));

/** (T + Tᵀ)/2: the SDP only ever sees this, since ⟨T, X⟩ = ⟨(T + Tᵀ)/2, X⟩ for symmetric X. */
export function symmetrise(m: SquareMatrix): SquareMatrix {
  const { n, values } = m;
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) out[i * n + j] = 0.5 * (values[i * n + j] + values[j * n + i]);
  }
  return { n, values: out };
}

/** The principal sub-matrix on `indices`, in that order. */
export function subMatrix(m: SquareMatrix, indices: number[]): SquareMatrix {
  const k = indices.length;
  const values = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) values[a * k + b] = m.values[indices[a] * m.n + indices[b]];
  }
  return { n: k, values };
}

/** Population standard deviation of the off-diagonal entries (0 when n < 2). */
export function offDiagonalStd(m: SquareMatrix): number {
  const { n, values } = m;
  if (n < 2) return 0;
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      sum += values[i * n + j];
      sumSq += values[i * n + j] ** 2;
    }
  }
  const count = n * (n - 1);
  const mean = sum / count;
  return Math.sqrt(Math.max(0, sumSq / count - mean * mean));
}

/** out[n×r] = A[n×n] · V[n×r], all row-major. */
export function multiplyInto(a: SquareMatrix, v: Float64Array, r: number, out: Float64Array): void {
  const { n, values } = a;
  out.fill(0);
  for (let i = 0; i < n; i++) {
    const outRow = i * r;
    for (let j = 0; j < n; j++) {
      const aij = values[i * n + j];
      if (aij === 0) continue;
      const vRow = j * r;
      for (let c = 0; c < r; c++) out[outRow + c] += aij * v[vRow + c];
    }
  }
}

/** Σ_ij a_ij b_ij for two arrays of equal length. */
export function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}
