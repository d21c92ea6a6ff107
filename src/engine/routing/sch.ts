// SCH, Segment Cache best Hit rate (ALGORITHMS.md Part 2 §1.2, after moe-lrc's 41_sch_calc.py): an expert
// cache of capacity C, evicting the resident with the fewest uses in the next L tokens (ties: least
// recently used), warm start free. One pass serves every C at once: the eviction order does not depend
// on C, so a Mattson priority stack holds every cache size's contents as its top C entries.
import { numSequences, type RoutingTrace } from './trace.ts';

const USE = 2 ** 32;

/**
 * Hit rate at C = 1..E for one layer and look-ahead L: the unweighted mean over sequences (those with
 * at least one routed token) of each sequence's hits / requests. Returns [E] values (index C-1).
 */
export function layerSch(trace: RoutingTrace, layer: number, lookAhead: number): Float64Array {
  const E = trace.numExperts;
  const k = trace.topK;
  const ids = trace.experts[layer];
  const counts = trace.counts ? trace.counts[layer] : null;
  const seqStarts = trace.seqStarts;
  const stack = new Int32Array(E); // stack[p] = expert at depth p+1
  const pos = new Int32Array(E).fill(-1); // depth-1 of each expert, -1 when not yet used
  const future = new Int32Array(E); // uses in [t, t+L-1] not yet consumed
  // Eviction priority as one exact integer: `future` (high part), then the clock of the last use (low
  // part, < 2^32 since a layer has far fewer accesses). Higher = keep.
  const priority = new Float64Array(E);
  const firstHit = new Float64Array(E + 1); // firstHit[d] = requests that hit for every C ≥ d
  const mean = new Float64Array(E);
  let clock = 0;
  let sequencesUsed = 0;

  for (let s = 0; s < numSequences(trace); s++) {
    const a = seqStarts[s];
    const b = seqStarts[s + 1];
    let depth = 0; // number of experts on the stack (distinct experts seen in this sequence)
    let requests = 0;
    firstHit.fill(0);
    for (let t = a; t < Math.min(b, a + lookAhead); t++) {
      const end = t * k + (counts ? counts[t] : k);
      for (let i = t * k; i < end; i++) {
        future[ids[i]]++;
        priority[ids[i]] += USE;
      }
    }
    for (let t = a; t < b; t++) {
      const from = t * k;
      const end = from + (counts ? counts[t] : k);
      requests += end - from;
      // Hits against the cache as it was when the token arrived. A never-seen expert hits (warm start)
      // once C exceeds the experts already resident plus this token's earlier new arrivals.
      let arrivals = depth;
      for (let i = from; i < end; i++) {
        const p = pos[ids[i]];
        firstHit[p >= 0 ? p + 1 : ++arrivals]++;
      }
      // Then serve the requests in router order, each a move-to-top with priority bubbling below it.
      for (let i = from; i < end; i++) {
        const x = ids[i];
        priority[x] = --future[x] * USE + ++clock;
        const p = pos[x];
        if (p === 0) continue;
        const limit = p > 0 ? p : depth++;
        let carry = x;
        if (limit > 0) {
          carry = stack[0];
          stack[0] = x;
          pos[x] = 0;
        }
        let carryPriority = priority[carry];
        // At each depth the higher-priority of (carry, resident) stays and the other, the one a cache
        // of that size evicted, sinks on. Branch-free: the outcome is a coin toss to the CPU.
        for (let q = 1; q < limit; q++) {
          const y = stack[q];
          const yPriority = priority[y];
          if (carryPriority > yPriority) {
            stack[q] = carry;
            pos[carry] = q;
            carry = y;
            carryPriority = yPriority;
          }
        }
        stack[limit] = carry;
        pos[carry] = limit;
      }
      const ahead = t + lookAhead;
      if (ahead < b) {
        const aheadEnd = ahead * k + (counts ? counts[ahead] : k);
        for (let i = ahead * k; i < aheadEnd; i++) {
          future[ids[i]]++;
          priority[ids[i]] += USE;
        }
      }
    }
    for (let q = 0; q < depth; q++) {
      pos[stack[q]] = -1;
      priority[stack[q]] = 0; // every future use was consumed; drop the clock too
    }
    if (requests === 0) continue;
    sequencesUsed++;
    let hits = 0;
    for (let c = 1; c <= E; c++) {
      hits += firstHit[c];
      mean[c - 1] += hits / requests;
    }
  }
  if (sequencesUsed > 0) for (let c = 0; c < E; c++) mean[c] /= sequencesUsed;
  return mean;
}
