import { describe, expect, it } from 'vitest';
import { singleLayer, tinyTrace } from './fixtures.ts';
import { layerSch } from './sch.ts';
import { synthesizeTrace } from './synthetic.ts';
import { createRng } from '../util/random.ts';
import type { RoutingTrace } from './trace.ts';

/** Reference: the plain per-capacity simulation of ALGORITHMS.md §1.2, one sequence at a time. */
function simulate(routing: number[][], capacity: number, lookAhead: number): number {
  const cache: number[] = [];
  const lastUse = new Map<number, number>();
  const consumed = new Map<number, number>(); // expert → uses consumed at the current token
  let clock = 0;
  let hits = 0;
  let requests = 0;
  routing.forEach((experts, t) => {
    consumed.clear();
    const future = (x: number) => {
      let uses = 0;
      for (let u = t; u < Math.min(routing.length, t + lookAhead); u++) if (routing[u].includes(x)) uses++;
      return uses - (consumed.get(x) ?? 0);
    };
    let arrivals = 0;
    for (const x of experts) {
      if (cache.includes(x)) hits++;
      else if (cache.length + arrivals++ < capacity) hits++;
    }
    requests += experts.length;
    for (const x of experts) {
      consumed.set(x, 1);
      lastUse.set(x, ++clock);
      if (cache.includes(x)) continue;
      if (cache.length >= capacity) {
        let victim = 0;
        for (let i = 1; i < cache.length; i++) {
          const [a, b] = [cache[i], cache[victim]];
          if (future(a) < future(b) || (future(a) === future(b) && lastUse.get(a)! < lastUse.get(b)!)) victim = i;
        }
        cache.splice(victim, 1);
      }
      cache.push(x);
    }
  });
  return requests ? hits / requests : NaN;
}

function sequencesOf(trace: RoutingTrace, layer: number): number[][][] {
  const out: number[][][] = [];
  for (let s = 0; s + 1 < trace.seqStarts.length; s++) {
    const seq: number[][] = [];
    for (let t = trace.seqStarts[s]; t < trace.seqStarts[s + 1]; t++) {
      const c = trace.counts ? trace.counts[layer][t] : trace.topK;
      seq.push(Array.from(trace.experts[layer].subarray(t * trace.topK, t * trace.topK + c)));
    }
    out.push(seq);
  }
  return out;
}

describe('SCH', () => {
  it('matches the worked example of ALGORITHMS.md §1.2 (E=4, k=1, [0,1,0,2,1,0], L=2 and L=6)', () => {
    // C=1: only t0 (warm) hits → 1/6. C=2: t0, t1 warm, t2 hit; t3 evicts 0 (no use in t3..4); t4 hit; t5 miss → 4/6.
    // C=3: all three first uses are warm and nothing is evicted → 1; C=4 → 1.
    const trace = singleLayer(4, [0, 1, 0, 2, 1, 0]);
    for (const lookAhead of [2, 6]) {
      const sch = Array.from(layerSch(trace, 0, lookAhead));
      [1 / 6, 4 / 6, 1, 1].forEach((want, c) => expect(sch[c]).toBeCloseTo(want, 12));
    }
  });

  it('counts warm hits against the start-of-token cache and looks ahead L tokens (hand-worked top-2 case)', () => {
    // E=4, k=2: t0 {0,1}, t1 {2,3}, t2 {0,1}.
    // L=1 (no look-ahead beyond the token: all future counts 0, so plain LRU):
    //   C=1: t0 fills one slot (1 hit); nothing else hits → 1/6.
    //   C=2: t0 2 warm hits; t1 evicts 0 then 1; t2 misses → 2/6.
    //   C=3: t0 2; t1: 2 warm, 3 misses (cache full after 2), 3 evicts 0 (oldest); t2: 0 miss, 1 hit → 4/6.
    //   C=4: every first use is warm → 1.
    // L=3 (sees t2): C=2: inserting 2 evicts 0 (tie on future uses 1:1, 0 older), inserting 3 evicts 2 (no
    //   future use) → cache {1,3}; t2: 1 hits → 3/6. C=3: 3 evicts 2 → {0,1,3}; t2 both hit → 5/6.
    const trace = tinyTrace({ numExperts: 4, sequences: [[[[0, 1]], [[2, 3]], [[0, 1]]]] });
    const near = Array.from(layerSch(trace, 0, 1));
    [1 / 6, 2 / 6, 4 / 6, 1].forEach((want, c) => expect(near[c]).toBeCloseTo(want, 12));
    const far = Array.from(layerSch(trace, 0, 3));
    [1 / 6, 3 / 6, 5 / 6, 1].forEach((want, c) => expect(far[c]).toBeCloseTo(want, 12));
  });

  it('averages per-sequence hit rates without weighting by length', () => {
    // Sequence A = the worked example (C=1: 1/6), sequence B = [3, 3] (C=1: 2/2) → (1/6 + 1)/2, not 3/8.
    const sch = layerSch(singleLayer(4, [0, 1, 0, 2, 1, 0], [3, 3]), 0, 2);
    expect(sch[0]).toBeCloseTo((1 / 6 + 1) / 2, 12);
    expect(sch[1]).toBeCloseTo((4 / 6 + 1) / 2, 12);
  });

  it('equals the per-capacity simulation on random traces (k = 1..3, L = 1..8)', () => {
    const rng = createRng(3);
    for (let trial = 0; trial < 60; trial++) {
      const numExperts = 3 + rng.int(6);
      const topK = 1 + rng.int(Math.min(3, numExperts - 1));
      const trace = synthesizeTrace({
        numLayers: 1,
        numExperts,
        topK,
        numSequences: 3,
        seqLength: 5 + rng.int(20),
        seed: trial,
        stay: rng.next() * 0.6,
      });
      const lookAhead = 1 + rng.int(8);
      const fast = layerSch(trace, 0, lookAhead);
      const seqs = sequencesOf(trace, 0);
      for (let c = 1; c <= numExperts; c++) {
        const want = seqs.reduce((sum, seq) => sum + simulate(seq, c, lookAhead), 0) / seqs.length;
        expect(fast[c - 1]).toBeCloseTo(want, 12);
      }
    }
  });

  it('equals the simulation for variable k (empty and uneven token lists)', () => {
    const trace = tinyTrace({
      numExperts: 5,
      topK: 'variable',
      sequences: [[[[0]], [[0, 1, 2]], [[]], [[1, 3]], [[4]], [[0, 3, 4]], [[2]]]],
    });
    const seq = sequencesOf(trace, 0)[0];
    for (const lookAhead of [1, 2, 4]) {
      const fast = layerSch(trace, 0, lookAhead);
      for (let c = 1; c <= 5; c++) expect(fast[c - 1]).toBeCloseTo(simulate(seq, c, lookAhead), 12);
    }
  });

  it('is monotone in C, 1 once C covers the distinct experts, and 1 at C = k for constant routing', () => {
    const trace = synthesizeTrace({ numLayers: 1, numExperts: 8, topK: 2, numSequences: 4, seqLength: 64, seed: 9 });
    const sch = layerSch(trace, 0, 16);
    for (let c = 1; c < 8; c++) expect(sch[c]).toBeGreaterThanOrEqual(sch[c - 1]);
    expect(sch[7]).toBe(1);
    const constant = tinyTrace({ numExperts: 8, sequences: [Array.from({ length: 20 }, () => [[3, 5]])] });
    expect(layerSch(constant, 0, 4)[1]).toBe(1);
  });
});
