// Polishes a hard partition: moves single tasks between groups, and swaps pairs of tasks when no
// single move helps, while the average density rises. No group is ever emptied, so k is kept.
import type { SquareMatrix } from './matrix.ts';
import type { Rng } from '../util/random.ts';

/** Best-improvement moves, then swaps; returns the improved assignment (input untouched). */
export function improveByMoves(t: SquareMatrix, start: ArrayLike<number>, k: number, maxRounds = 10 * t.n): number[] {
  const { n, values } = t;
  const assignment = Array.from(start);
  const sizes = new Int32Array(k);
  const sums = new Float64Array(k);
  // link[i*k + g] = Σ_{j∈g, j≠i} (T[i,j] + T[j,i]): what task i shares with group g.
  const link = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    sizes[assignment[i]]++;
    for (let j = 0; j < n; j++) {
      if (assignment[j] === assignment[i]) sums[assignment[i]] += values[i * n + j];
      if (j !== i) link[i * k + assignment[j]] += values[i * n + j] + values[j * n + i];
    }
  }
  const density = (sum: number, size: number) => (size === 0 ? 0 : sum / size);
  const pair = (i: number, j: number) => values[i * n + j] + values[j * n + i];

  const move = (i: number, to: number) => {
    const from = assignment[i];
    const self = values[i * n + i];
    sums[from] -= link[i * k + from] + self;
    sums[to] += link[i * k + to] + self;
    sizes[from]--;
    sizes[to]++;
    assignment[i] = to;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      link[j * k + from] -= pair(i, j);
      link[j * k + to] += pair(i, j);
    }
  };

  const bestMove = () => {
    let best = { gain: 1e-10, task: -1, to: -1 };
    for (let i = 0; i < n; i++) {
      const from = assignment[i];
      if (sizes[from] === 1) continue;
      const self = values[i * n + i];
      const loss = density(sums[from], sizes[from]) - density(sums[from] - link[i * k + from] - self, sizes[from] - 1);
      for (let to = 0; to < k; to++) {
        if (to === from) continue;
        const gain = density(sums[to] + link[i * k + to] + self, sizes[to] + 1) - density(sums[to], sizes[to]) - loss;
        if (gain > best.gain) best = { gain, task: i, to };
      }
    }
    return best;
  };

  const bestSwap = () => {
    let best = { gain: 1e-10, i: -1, j: -1 };
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const a = assignment[i];
        const b = assignment[j];
        if (a === b) continue;
        const ti = values[i * n + i];
        const tj = values[j * n + j];
        const newA = sums[a] - link[i * k + a] - ti + link[j * k + a] - pair(i, j) + tj;
        const newB = sums[b] - link[j * k + b] - tj + link[i * k + b] - pair(i, j) + ti;
        const gain = (newA - sums[a]) / sizes[a] + (newB - sums[b]) / sizes[b];
        if (gain > best.gain) best = { gain, i, j };
      }
    }
    return best;
  };

  for (let round = 0; round < maxRounds; round++) {
    const m = bestMove();
    if (m.task >= 0) {
      move(m.task, m.to);
      continue;
    }
    const s = bestSwap();
    if (s.i < 0) break;
    const a = assignment[s.i];
    move(s.i, assignment[s.j]);
    move(s.j, a);
  }
  return assignment;
}

/** Iterated local search: kick a few random tasks to random groups, polish, keep if better.
 * Escapes the local optima that moves and swaps alone cannot leave when the relaxation is loose. */
export function improveWithKicks(
  t: SquareMatrix,
  start: number[],
  k: number,
  rng: Rng,
  kicks: number,
  score: (a: number[]) => number,
): number[] {
  let best = improveByMoves(t, start, k);
  let bestScore = score(best);
  for (let kick = 0; kick < kicks; kick++) {
    const trial = best.slice();
    const sizes = new Int32Array(k);
    trial.forEach((g) => sizes[g]++);
    const count = 2 + rng.int(2);
    for (let m = 0; m < count; m++) {
      const i = rng.int(t.n);
      if (sizes[trial[i]] < 2) continue;
      sizes[trial[i]]--;
      trial[i] = rng.int(k);
      sizes[trial[i]]++;
    }
    const polished = improveByMoves(t, trial, k);
    const trialScore = score(polished);
    if (trialScore > bestScore + 1e-12) [best, bestScore] = [polished, trialScore];
  }
  return best;
}
