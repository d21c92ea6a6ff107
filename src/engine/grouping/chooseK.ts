// Picking the number of groups. Raw average density favours many small groups (all singletons
// score tr T), so each group is charged λ in units of σ, the spread of the off-diagonal
// affinities: score(k) = D_k/σ − λ·k. This is the regularised objective of ALGORITHMS Part 1
// §4.2 (B), ⟨T, X⟩ − λ·tr X, evaluated on the best k-partition (tr X* = k), on normalised T.
import { groupTasks, type GroupingMethod, type GroupingResult } from './group.ts';
import { offDiagonalStd, symmetrise, type SquareMatrix } from './matrix.ts';
import { checkAffinityMatrix, GroupingError } from './validate.ts';

/** Top of AutoBRANE's λ grid {0.1, …, 1.0}: a new group must lift D by a whole σ, so noise
 * alone rarely pays for a split while a planted cluster (many σ) always does. */
export const DEFAULT_GROUP_COST = 1;

export interface KCandidate {
  k: number;
  objective: number;
  /** objective / σ − λ·k. */
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

function explain(candidates: KCandidate[], best: KCandidate, scale: number, groupCost: number, scaleFrom: string): string {
  const lines = [
    `Average density D alone favours many small groups (n singletons score tr T), so each group costs λ = ${groupCost} σ, where σ = ${fmt(scale)} is the spread of the off-diagonal affinities ${scaleFrom}.`,
    ...candidates.map((c) => `k = ${c.k}: D = ${fmt(c.objective)}, score D/σ − λk = ${fmt(c.score)}${c === best ? '  ← chosen' : ''}`),
  ];
  const next = candidates.find((c) => c.k === best.k + 1);
  const previous = candidates.find((c) => c.k === best.k - 1);
  if (previous) lines.push(`Going from ${previous.k} to ${best.k} groups raised D by ${fmt((best.objective - previous.objective) / scale)} σ, more than the ${groupCost} σ a group costs.`);
  if (next) lines.push(`A ${next.k}th group would raise D by only ${fmt((next.objective - best.objective) / scale)} σ, less than its cost.`);
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
  const candidates: KCandidate[] = [];
  for (let k = kMin; k <= kMax; k++) {
    const result = groupTasks(t, k, { method, seed });
    candidates.push({ k, objective: result.objective, score: result.objective / scale - groupCost * k, result });
  }
  // Ties go to fewer groups: a split that changes nothing is not worth a block.
  const best = candidates.reduce((a, b) => (b.score > a.score + 1e-9 ? b : a));
  return { k: best.k, result: best.result, candidates, scale, groupCost, explanation: explain(candidates, best, scale, groupCost, options.scale ? 'of the reference matrix' : 'of this matrix') };
}
