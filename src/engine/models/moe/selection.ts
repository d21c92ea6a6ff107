// The discrete half of routing, on the CPU: which experts each token picks, and which of those
// choices survive capacity. Pure functions of router probabilities, so they can be checked by hand.

/** Per-token expert choices, padded to `maxK` with expert −1; choice c of token t sits at t·maxK + c. */
export interface Choices {
  numTokens: number;
  maxK: number;
  experts: Int32Array;
  /** The router probability of each choice (before any renormalisation). */
  scores: Float32Array;
}

/** Indices 0..n-1 sorted by descending value; ties keep the lower index first. */
function sortedDescending(values: ArrayLike<number>, offset: number, n: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => values[offset + b] - values[offset + a] || a - b);
  return order;
}

function emptyChoices(numTokens: number, maxK: number): Choices {
  return {
    numTokens,
    maxK,
    experts: new Int32Array(numTokens * maxK).fill(-1),
    scores: new Float32Array(numTokens * maxK),
  };
}

/** Softmax top-k: the k most probable experts of each token (probs is [N, E] row-major). */
export function selectTopK(probs: ArrayLike<number>, numTokens: number, numExperts: number, k: number): Choices {
  const out = emptyChoices(numTokens, k);
  for (let t = 0; t < numTokens; t++) {
    const order = sortedDescending(probs, t * numExperts, numExperts);
    for (let c = 0; c < k; c++) {
      out.experts[t * k + c] = order[c];
      out.scores[t * k + c] = probs[t * numExperts + order[c]];
    }
  }
  return out;
}

/** Top-p: the smallest prefix of each token's sorted probabilities with mass ≥ threshold (at least 1, at most maxK). */
export function selectTopP(
  probs: ArrayLike<number>,
  numTokens: number,
  numExperts: number,
  threshold: number,
  maxK = numExperts,
): Choices {
  const picked: number[][] = [];
  let widest = 1;
  for (let t = 0; t < numTokens; t++) {
    const order = sortedDescending(probs, t * numExperts, numExperts);
    const mine: number[] = [];
    let mass = 0;
    // A small tolerance so that p = [0.5, 0.3, 0.2] with threshold 0.8 stops at two, despite rounding.
    while (mine.length < maxK && (mine.length === 0 || mass < threshold - 1e-6)) {
      mine.push(order[mine.length]);
      mass += probs[t * numExperts + order[mine.length - 1]];
    }
    picked.push(mine);
    widest = Math.max(widest, mine.length);
  }
  const out = emptyChoices(numTokens, widest);
  picked.forEach((mine, t) =>
    mine.forEach((e, c) => {
      out.experts[t * widest + c] = e;
      out.scores[t * widest + c] = probs[t * numExperts + e];
    }),
  );
  return out;
}

/** Tokens per expert under expert choice: C = round(N·c/E), clamped to [1, N]. */
export const expertChoiceCapacity = (numTokens: number, numExperts: number, capacityFactor: number) =>
  Math.min(numTokens, Math.max(1, Math.round((numTokens * capacityFactor) / numExperts)));

/** Expert choice: each expert takes its `perExpert` highest-scoring tokens; listed per token by descending score. */
export function selectExpertChoice(
  probs: ArrayLike<number>,
  numTokens: number,
  numExperts: number,
  perExpert: number,
): Choices {
  const byToken: number[][] = Array.from({ length: numTokens }, () => []);
  const column = new Float32Array(numTokens);
  for (let e = 0; e < numExperts; e++) {
    for (let t = 0; t < numTokens; t++) column[t] = probs[t * numExperts + e];
    const order = sortedDescending(column, 0, numTokens);
    for (let i = 0; i < perExpert; i++) byToken[order[i]].push(e);
  }
  const widest = Math.max(1, ...byToken.map((list) => list.length));
  const out = emptyChoices(numTokens, widest);
  byToken.forEach((list, t) => {
    list.sort((a, b) => probs[t * numExperts + b] - probs[t * numExperts + a] || a - b);
    list.forEach((e, c) => {
      out.experts[t * widest + c] = e;
      out.scores[t * widest + c] = probs[t * numExperts + e];
    });
  });
  return out;
}

/** cap = ⌈CF · choices / E⌉ (ALGORITHMS.md Part 2 §3.2, with N·k generalised to the number of real choices). */
export const tokenChoiceCapacity = (numChoices: number, numExperts: number, capacityFactor: number) =>
  Math.max(1, Math.ceil((capacityFactor * numChoices) / numExperts - 1e-9));

/**
 * Which choices each expert can take when it holds at most `capacity` of them. Priority
 * (Batch-Prioritised Routing): first choices before second choices, then higher score first,
 * then earlier token. Choices of experts ≥ numExperts (null experts) are never kept.
 */
export function applyCapacity(choices: Choices, numExperts: number, capacity: number): Uint8Array {
  const { numTokens, maxK, experts, scores } = choices;
  const kept = new Uint8Array(numTokens * maxK);
  const order: number[] = [];
  for (let i = 0; i < experts.length; i++) if (experts[i] >= 0 && experts[i] < numExperts) order.push(i);
  order.sort((a, b) => (a % maxK) - (b % maxK) || scores[b] - scores[a] || a - b);
  const used = new Int32Array(numExperts);
  for (const i of order) {
    const e = experts[i];
    if (used[e] < capacity) {
      used[e]++;
      kept[i] = 1;
    }
  }
  return kept;
}
