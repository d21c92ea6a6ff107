// The Peng–Wei SDP relaxation of average-density grouping (ALGORITHMS Part 1 §4.1, formulation A):
//   maximise ⟨T_s, X⟩  s.t.  X ⪰ 0, X ≥ 0, X1 = 1, tr X = k,
// solved by the low-rank Burer–Monteiro route of §4.4 (option 2): X = VVᵀ with V ≥ 0 (n×r), so
// X is PSD and entrywise non-negative by construction. tr X = ‖V‖² = k is kept exactly by
// projecting onto {V ≥ 0, ‖V‖_F² = k} (clamp, then rescale), which also keeps V away from the
// V = 0 saddle; only X1 = 1 goes into an augmented Lagrangian, minimised by projected gradient
// steps with an adaptive step size.
// Each step costs one n×n by n×r product, so n = 500 stays in seconds. Non-convex: it may stop
// at a local optimum, hence restarts and the rounding/polish step that follows.
import { dot, multiplyInto, symmetrise, type SquareMatrix } from './matrix.ts';
import type { Rng } from '../util/random.ts';

export interface SdpOptions {
  /** Columns of V; the planted optimum has rank k, a little slack helps escape poor stationary points. */
  rank?: number;
  /** Cap on gradient steps per restart (each one matrix product); the solver never runs past it. */
  maxIterations?: number;
  /** Feasibility target: max_i |(X1)_i − 1| below this (and a settled objective) counts as converged. */
  tolerance?: number;
  restarts?: number;
}

export interface SdpSolution {
  /** V, row-major n×rank; the relaxed solution is X = VVᵀ. */
  factor: Float64Array;
  rank: number;
  /** ⟨T, X⟩ of the relaxed solution, in the units of T. */
  relaxationObjective: number;
  /** Largest constraint violation left: max_i |(X1)_i − 1| (tr X = k holds exactly). */
  violation: number;
  iterations: number;
  converged: boolean;
}

interface Point {
  v: Float64Array;
  product: Float64Array; // C·V
  colSums: Float64Array; // Vᵀ1
  rowResidual: Float64Array; // VVᵀ1 − 1
  lagrangian: number;
}

/** Centred and scaled copy of T_s: same maximiser (X1 = 1 makes ⟨J, X⟩ = n constant), tamer steps. */
function normalisedCost(t: SquareMatrix): SquareMatrix {
  const s = symmetrise(t);
  const count = s.values.length;
  let mean = 0;
  for (const v of s.values) mean += v / count;
  let variance = 0;
  for (const v of s.values) variance += (v - mean) ** 2 / count;
  const scale = Math.sqrt(variance) || 1;
  for (let i = 0; i < count; i++) s.values[i] = (s.values[i] - mean) / scale;
  return s;
}

function evaluate(c: SquareMatrix, v: Float64Array, r: number, y: Float64Array, beta: number): Point {
  const n = c.n;
  const product = new Float64Array(n * r);
  multiplyInto(c, v, r, product);
  const colSums = new Float64Array(r);
  for (let i = 0; i < n; i++) for (let a = 0; a < r; a++) colSums[a] += v[i * r + a];
  const rowResidual = new Float64Array(n);
  let penalty = 0;
  for (let i = 0; i < n; i++) {
    let sum = -1;
    for (let a = 0; a < r; a++) sum += v[i * r + a] * colSums[a];
    rowResidual[i] = sum;
    penalty += y[i] * sum + 0.5 * beta * sum * sum;
  }
  return { v, product, colSums, rowResidual, lagrangian: -dot(v, product) + penalty };
}

/** ∇_V of the augmented Lagrangian −⟨C, VVᵀ⟩ + yᵀh + (β/2)‖h‖², h = VVᵀ1 − 1. */
function gradient(p: Point, n: number, r: number, y: Float64Array, beta: number): Float64Array {
  const g = new Float64Array(n * r);
  // (a1ᵀ + 1aᵀ)V with a = y + β·h, written per row as a_i·(Vᵀ1) + Vᵀa.
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = y[i] + beta * p.rowResidual[i];
  const vTa = new Float64Array(r);
  for (let i = 0; i < n; i++) for (let c = 0; c < r; c++) vTa[c] += p.v[i * r + c] * a[i];
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < r; c++) {
      const at = i * r + c;
      g[at] = -2 * p.product[at] + a[i] * p.colSums[c] + vTa[c];
    }
  }
  return g;
}

const violationOf = (p: Point) => p.rowResidual.reduce((worst, r) => Math.max(worst, Math.abs(r)), 0);

/** Projection onto {V ≥ 0, ‖V‖_F² = k}: clamp, then rescale (in place; false if nothing is left). */
function projectInPlace(v: Float64Array, k: number): boolean {
  let norm = 0;
  for (let i = 0; i < v.length; i++) {
    if (v[i] < 0) v[i] = 0;
    norm += v[i] * v[i];
  }
  if (norm === 0) return false;
  const scale = Math.sqrt(k / norm);
  for (let i = 0; i < v.length; i++) v[i] *= scale;
  return true;
}

/** A random soft assignment P (rows sum to 1) turned into V = P·diag(Pᵀ1)^(-1/2), which has
 * VVᵀ1 = P·1 = 1 exactly, then projected to the trace sphere. */
function initialFactor(n: number, r: number, k: number, rng: Rng): Float64Array {
  const v = new Float64Array(n * r);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let c = 0; c < r; c++) sum += v[i * r + c] = rng.next() ** 3;
    for (let c = 0; c < r; c++) v[i * r + c] /= sum;
  }
  const mass = new Float64Array(r);
  for (let i = 0; i < n; i++) for (let c = 0; c < r; c++) mass[c] += v[i * r + c];
  for (let i = 0; i < n; i++) for (let c = 0; c < r; c++) v[i * r + c] /= Math.sqrt(mass[c]);
  projectInPlace(v, k);
  return v;
}

function solveOnce(c: SquareMatrix, k: number, r: number, rng: Rng, maxIterations: number, tolerance: number) {
  const n = c.n;
  const y = new Float64Array(n);
  // C has unit-variance entries, so a unit penalty weighs a row's infeasibility like one entry of
  // the objective; it doubles whenever an outer round fails to halve the violation.
  let beta = 1;
  // C has unit-variance entries, so its spectral norm is at most n: a safe first step.
  let step = 0.5 / n;
  let point = evaluate(c, initialFactor(n, r, k, rng), r, y, beta);
  let iterations = 0;
  let lastViolation = violationOf(point);
  let converged = false;
  const innerSteps = 30;

  while (iterations < maxIterations) {
    const objectiveBefore = dot(point.v, point.product);
    // Inner: projected gradient on the augmented Lagrangian for fixed multipliers.
    for (let inner = 0; inner < innerSteps && iterations < maxIterations; inner++) {
      const g = gradient(point, n, r, y, beta);
      const next = new Float64Array(n * r);
      for (let i = 0; i < next.length; i++) next[i] = point.v[i] - step * g[i];
      iterations++;
      const candidate = projectInPlace(next, k) ? evaluate(c, next, r, y, beta) : null;
      if (candidate && candidate.lagrangian <= point.lagrangian) {
        const gain = point.lagrangian - candidate.lagrangian;
        point = candidate;
        step *= 1.3;
        if (gain < 1e-3 * tolerance * Math.max(1, Math.abs(candidate.lagrangian))) break;
      } else {
        step *= 0.5;
      }
    }
    // Outer: first-order multiplier update; stiffen the penalty when feasibility stalls.
    for (let i = 0; i < n; i++) y[i] += beta * point.rowResidual[i];
    const violation = violationOf(point);
    if (violation > 0.5 * lastViolation) beta = Math.min(beta * 2, 1e4);
    lastViolation = violation;
    point = evaluate(c, point.v, r, y, beta);
    const objectiveAfter = dot(point.v, point.product);
    const settled = Math.abs(objectiveAfter - objectiveBefore) < tolerance * Math.max(1, Math.abs(objectiveAfter));
    if (violation < tolerance && settled) {
      converged = true;
      break;
    }
  }
  return { point, iterations, converged, violation: violationOf(point) };
}

/** Solves from `restarts` random starts; returns every run, best relaxed objective first
 * (feasible runs before infeasible ones). Rounding each of them costs little and helps when
 * the relaxation is not tight. */
export function solveSdpRelaxation(t: SquareMatrix, k: number, rng: Rng, options: SdpOptions = {}): SdpSolution[] {
  const n = t.n;
  const rank = Math.min(n, options.rank ?? k + 2);
  const { maxIterations = 2000, tolerance = 1e-4, restarts = n <= 50 ? 4 : 1 } = options;
  const c = normalisedCost(t);
  const sym = symmetrise(t);
  const runs: SdpSolution[] = [];
  for (let attempt = 0; attempt < restarts; attempt++) {
    const run = solveOnce(c, k, rank, rng, maxIterations, tolerance);
    const product = new Float64Array(n * rank);
    multiplyInto(sym, run.point.v, rank, product);
    runs.push({
      factor: run.point.v,
      rank,
      relaxationObjective: dot(run.point.v, product),
      violation: run.violation,
      iterations: run.iterations,
      converged: run.converged,
    });
  }
  const feasible = (s: SdpSolution) => s.violation < 1e-3;
  return runs.sort(
    (a, b) => Number(feasible(b)) - Number(feasible(a)) || b.relaxationObjective - a.relaxationObjective,
  );
}
