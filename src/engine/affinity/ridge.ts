// Small dense linear algebra for Grad-TAG's per-subset fits: solve (A + λI) w = b for a
// symmetric positive definite A by Cholesky, in float64 on the CPU (d is a few hundred).

/** Solves (A + λI) x = b; A is d×d row-major and symmetric positive semi-definite, λ > 0. */
export function solveRidge(a: Float64Array, b: Float64Array, lambda: number): Float64Array {
  const d = b.length;
  const l = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * d + j] + (i === j ? lambda : 0);
      for (let k = 0; k < j; k++) sum -= l[i * d + k] * l[j * d + k];
      if (i === j) {
        if (sum <= 0) throw new Error(`ridge system is not positive definite (pivot ${sum} at ${i})`);
        l[i * d + i] = Math.sqrt(sum);
      } else {
        l[i * d + j] = sum / l[j * d + j];
      }
    }
  }
  // Forward (L y = b) then backward (Lᵀ x = y) substitution.
  const y = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let sum = b[i];
    for (let k = 0; k < i; k++) sum -= l[i * d + k] * y[k];
    y[i] = sum / l[i * d + i];
  }
  const x = new Float64Array(d);
  for (let i = d - 1; i >= 0; i--) {
    let sum = y[i];
    for (let k = i + 1; k < d; k++) sum -= l[k * d + i] * x[k];
    x[i] = sum / l[i * d + i];
  }
  return x;
}
