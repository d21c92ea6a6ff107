// Seeded synthetic routing traces with tunable locality, for the sample in public/traces/, tests and
// benches (real LLM traces cannot be downloaded here). Each domain prefers some experts per layer; a
// token keeps its predecessor's experts with probability `stay` (local consistency); its first expert
// follows the previous layer's first expert through a fixed map with probability `follow` (inter-layer
// affinity); otherwise experts are drawn from the domain's preferences.
import { createRng, deriveSeed, permutation, type Rng } from '../util/random.ts';
import { allocateIds, checkShape, type RoutingTrace } from './trace.ts';

export interface SyntheticTraceOptions {
  numLayers: number;
  numExperts: number;
  topK: number;
  numSequences: number;
  seqLength: number;
  seed: number;
  /** P(a token reuses the previous token's experts at a layer). */
  stay?: number;
  /** P(the first expert follows the previous layer's first expert). */
  follow?: number;
  /** Domain labels, cycled over sequences; each gets its own expert preferences. */
  domains?: string[];
  /** Record router weights (softmax of sorted random logits over the chosen experts). */
  weights?: boolean;
  /** Per domain, text whose characters become the sequences' tokens. */
  text?: Record<string, string>;
}

/** Cumulative preference of one (domain, layer): log-normal weights, so a few experts dominate. */
function preference(rng: Rng, numExperts: number): Float64Array {
  const cumulative = new Float64Array(numExperts);
  let sum = 0;
  for (let e = 0; e < numExperts; e++) {
    sum += Math.exp(1.5 * rng.normal());
    cumulative[e] = sum;
  }
  for (let e = 0; e < numExperts; e++) cumulative[e] /= sum;
  return cumulative;
}

function draw(rng: Rng, cumulative: Float64Array): number {
  const u = rng.next();
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function synthesizeTrace(options: SyntheticTraceOptions): RoutingTrace {
  const { numLayers, numExperts: E, topK: k, numSequences, seqLength, seed } = options;
  checkShape({ numLayers, numExperts: E, topK: k, variableK: false }, (field) => field);
  const stay = options.stay ?? 0.7;
  const follow = options.follow ?? 0.5;
  const domains = options.domains ?? [];
  const rng = createRng(deriveSeed(seed, 'synthetic-trace'));
  const prefs = (domains.length ? domains : ['']).map(() =>
    Array.from({ length: numLayers }, () => preference(rng, E)),
  );
  const maps = Array.from({ length: numLayers }, () => permutation(rng, E));
  const total = numSequences * seqLength;
  const seqStarts = Int32Array.from({ length: numSequences + 1 }, (_, s) => s * seqLength);
  const experts = Array.from({ length: numLayers }, () => allocateIds(E, total * k));
  const weights = options.weights ? Array.from({ length: numLayers }, () => new Float32Array(total * k)) : null;
  const used = new Int32Array(E);
  const logits = new Float64Array(k);
  let stamp = 0;

  for (let s = 0; s < numSequences; s++) {
    const pref = prefs[domains.length ? s % domains.length : 0];
    for (let t = s * seqLength; t < (s + 1) * seqLength; t++) {
      for (let l = 0; l < numLayers; l++) {
        const ids = experts[l];
        const at = t * k;
        if (t > s * seqLength && rng.next() < stay) {
          ids.copyWithin(at, at - k, at);
          weights?.[l].copyWithin(at, at - k, at);
          continue;
        }
        stamp++;
        for (let j = 0; j < k; j++) {
          let e = j === 0 && l > 0 && rng.next() < follow ? maps[l][experts[l - 1][at]] : draw(rng, pref[l]);
          for (let tries = 0; used[e] === stamp; tries++) e = tries < 16 ? draw(rng, pref[l]) : (e + 1) % E;
          used[e] = stamp;
          ids[at + j] = e;
        }
        if (weights) {
          let max = -Infinity;
          for (let j = 0; j < k; j++) max = Math.max(max, (logits[j] = 1.5 * rng.normal()));
          logits.sort().reverse();
          let sum = 0;
          for (let j = 0; j < k; j++) sum += logits[j] = Math.exp(logits[j] - max);
          for (let j = 0; j < k; j++) weights[l][at + j] = logits[j] / sum;
        }
      }
    }
  }
  const tokens = Array.from({ length: numSequences }, (_, s) => {
    const text = domains.length ? options.text?.[domains[s % domains.length]] : undefined;
    if (!text) return null;
    const start = rng.int(text.length);
    return Array.from({ length: seqLength }, (_, t) => text[(start + t) % text.length]);
  });
  return {
    numLayers,
    numExperts: E,
    topK: k,
    variableK: false,
    seqStarts,
    experts,
    counts: null,
    weights,
    tokens,
    domains: Array.from({ length: numSequences }, (_, s) => (domains.length ? domains[s % domains.length] : null)),
  };
}
