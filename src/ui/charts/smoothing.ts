// Curve helpers for the loss chart: debiased exponential moving average and decimation.

/** EMA with weight `w` on the past, debiased like TensorBoard so early points are not pulled to 0. */
export function emaSmooth(values: ArrayLike<number>, w: number): Float32Array {
  const out = new Float32Array(values.length);
  let last = 0;
  let debias = 1;
  for (let i = 0; i < values.length; i++) {
    last = w * last + (1 - w) * values[i];
    debias *= w;
    out[i] = w === 0 ? values[i] : last / (1 - debias);
  }
  return out;
}

/**
 * Indices to draw when a series has more points than pixels: per bucket, the minimum and the
 * maximum (in step order), so spikes stay visible. Short series come back whole.
 */
export function decimate(values: ArrayLike<number>, maxPoints: number): number[] {
  const n = values.length;
  if (n <= maxPoints) return Array.from({ length: n }, (_, i) => i);
  const buckets = Math.max(1, Math.floor(maxPoints / 2));
  const indices: number[] = [];
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor((b * n) / buckets);
    const to = Math.floor(((b + 1) * n) / buckets);
    let lo = from;
    let hi = from;
    for (let i = from; i < to; i++) {
      if (values[i] < values[lo]) lo = i;
      if (values[i] > values[hi]) hi = i;
    }
    indices.push(Math.min(lo, hi));
    if (lo !== hi) indices.push(Math.max(lo, hi));
  }
  if (indices[indices.length - 1] !== n - 1) indices.push(n - 1);
  return indices;
}
