// Picking the number of groups. Raw average density favours many small groups: every group adds
// its tasks' mean self-affinity (a cosine matrix's diagonal of 1 alone pays for a new group). So
// each k's best partition is scored on T̃, the symmetrised matrix with a zero diagonal and its
// off-diagonal entries centred: a group then earns only what its pairs share above the average
// pair, and splitting a true group loses its within-group pairs. Each group is also charged λ in
// units of σ, the spread of the off-diagonal affinities: score(k) = D̃_k/σ − λ·k. This is the
// regularised objective of ALGORITHMS Part 1 §4.2 (B), ⟨T, X⟩ − λ·tr X, on normalised T̃.
// A fixed λ does not scale with n (noise inside a group of 8 can pay for a split), so a group must
// also add at least ρ times the largest gain any earlier group added.
import { averageDensity } from './density.ts';
import { groupTasks, type GroupingMethod, type GroupingResult } from './group.ts';
import { offDiagonalStd, symmetrise, type SquareMatrix } from './matrix.ts';
import { checkAffinityMatrix, GroupingError } from './validate.ts';

/** A new group must lift D̃ by 1.25σ. Measured on planted matrices (n = 8/16/40, K = 2/4/5, noise
 * a third of the within−across gap, 12 seeds each): planted splits gain 5–15σ, while noise alone
 * splits a true group of 8 for up to ~1.1σ (1 case of 36 above 1.25σ); a two-level hierarchy's
 * sub-split of 2+2 tasks (branching.test.ts) gains ~1.5σ. Unstructured matrices still split: the
 * best partition of noise grows with n, and no threshold on one matrix tells it from weak structure. */
export const DEFAULT_GROUP_COST = 1.25;

/** ρ: measured lookahead and cosine matrices of the planted example at n = 40, K = 5 gain 14–22σ
 * per planted group and 0.3–1.9σ per further group. */
export const MIN_GAIN_SHARE = 0.25;

export interface KCandidate {
  k: number;
  /** Average density D of the best k-partition on the matrix as given (diagonal included). */
  objective: number;
  /** D̃: the same partition's density on the centred, zero-diagonal matrix. */
  centredObjective: number;
  /** centredObjective / σ − λ·k. */
  score: number;
  result: GroupingResult;
}

export interface KChoice {
  k: number;
  result: GroupingResult;
  candidates: KCandidate[];
  /** σ: std of the off-diagonal entries of (T + Tᵀ)/2 (1 when they are all equal). */
  scale: number;
  groupCost: number;
  explanation: string;
}

export interface ChooseKOptions {
  kMin?: number;
  kMax?: number;
  method?: GroupingMethod;
  seed?: number;
  groupCost?: number;
  /** σ to measure D in; defaults to this matrix's off-diagonal spread. A search over many nodes
   * passes one reference σ so a node of near-identical tasks is not judged on its own tiny spread. */
  scale?: number;
}

const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(1) : x.toFixed(3));

/** Symmetrised, diagonal 0, off-diagonal entries minus their mean. */
export function centredOffDiagonal(t: SquareMatrix): SquareMatrix {
  const { n, values } = symmetrise(t);
  let sum = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) sum += values[i * n + j];
  const mean = n > 1 ? sum / (n * (n - 1)) : 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) values[i * n + j] = i === j ? 0 : values[i * n + j] - mean;
  return { n, values };
}

function explain(
  candidates: KCandidate[],
  best: KCandidate,
  scale: number,
  groupCost: number,
  scaleFrom: string,
): string {
  const lines = [
    `Average density D alone favours many small groups (each group adds its tasks' self-affinity, the diagonal), so each k's best partition is scored by D̃: its density with the diagonal set to 0 and the off-diagonal affinities centred on their mean. A group costs λ = ${groupCost} σ, where σ = ${fmt(scale)} is the spread of the off-diagonal affinities ${scaleFrom}.`,
    ...candidates.map(
      (c) =>
        `k = ${c.k}: D = ${fmt(c.objective)}, D̃ = ${fmt(c.centredObjective)}, score D̃/σ − λk = ${fmt(c.score)}${c === best ? '  ← chosen' : ''}`,
    ),
  ];
  const next = candidates.find((c) => c.k === best.k + 1);
  const previous = candidates.find((c) => c.k === best.k - 1);
  if (previous)
    lines.push(
      `Going from ${previous.k} to ${best.k} groups raised D̃ by ${fmt((best.centredObjective - previous.centredObjective) / scale)} σ, more than the ${groupCost} σ a group costs.`,
    );
  if (next)
    lines.push(
      `Group number ${next.k} would change D̃ by only ${fmt((next.centredObjective - best.centredObjective) / scale)} σ: less than its cost, or less than ${MIN_GAIN_SHARE} of the largest gain of an earlier group.`,
    );
  if (!previous && !next) lines.push(`Only k = ${best.k} was possible.`);
  return lines.join('\n');
}

export function chooseGroupCount(t: SquareMatrix, options: ChooseKOptions = {}): KChoice {
  checkAffinityMatrix(t);
  const { method = 'sdp', seed = 1, groupCost = DEFAULT_GROUP_COST, kMin = 1 } = options;
  const kMax = Math.min(options.kMax ?? Math.min(t.n, 8), t.n);
  if (!Number.isInteger(kMin) || !Number.isInteger(kMax) || kMin < 1 || kMin > kMax) {
    throw new GroupingError(`k range ${kMin}..${kMax} is empty or out of range for ${t.n} tasks`);
  }
  const scale = options.scale || offDiagonalStd(symmetrise(t)) || 1;
  const centred = centredOffDiagonal(t);
  const candidates: KCandidate[] = [];
  for (let k = kMin; k <= kMax; k++) {
    const result = groupTasks(t, k, { method, seed });
    const centredObjective = averageDensity(centred, result.assignment);
    candidates.push({
      k,
      objective: result.objective,
      centredObjective,
      score: centredObjective / scale - groupCost * k,
      result,
    });
  }
  // Ties go to fewer groups: a split that changes nothing is not worth a block.
  let best = candidates.reduce((a, b) => (b.score > a.score + 1e-9 ? b : a));
  const gain = (k: number) => candidates[k - kMin].centredObjective - candidates[k - kMin - 1].centredObjective;
  const largestGain = Math.max(0, ...candidates.filter((c) => c.k > kMin && c.k <= best.k).map((c) => gain(c.k)));
  while (best.k > kMin && gain(best.k) < MIN_GAIN_SHARE * largestGain) best = candidates[best.k - 1 - kMin];
  return {
    k: best.k,
    result: best.result,
    candidates,
    scale,
    groupCost,
    explanation: explain(
      candidates,
      best,
      scale,
      groupCost,
      options.scale ? 'of the reference matrix' : 'of this matrix',
    ),
  };
}
