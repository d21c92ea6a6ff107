import { describe, expect, it } from 'vitest';
import { gateProbe } from './liveProbe.ts';
import { buildRoutingSnapshot, type ProbeLayer, type ProbeRouting } from './liveSnapshot.ts';

// Two domains, one sequence each of 4 tokens, 2 layers, E = 3, top-1.
const layer = (ids: number[], kept = ids.map(() => 1), dropRate = 0): ProbeLayer => ({
  numExperts: 3,
  maxK: 1,
  topIds: Int32Array.from(ids),
  kept: Uint8Array.from(kept),
  probs: new Float32Array(ids.length * 3).fill(1 / 3),
  dropRate,
});

const probe = (layer1: number[]): ProbeRouting => ({
  groupKind: 'domain',
  groupNames: ['prose', 'code'],
  expertNames: ['e0', 'e1', 'e2'],
  groupOf: Int32Array.from([0, 0, 0, 0, 1, 1, 1, 1]),
  // token 7 (code, expert 0) was dropped by capacity at layer 0
  layers: [layer([0, 0, 1, 1, 2, 2, 2, 0], [1, 1, 1, 1, 1, 1, 1, 0], 1 / 8), layer(layer1)],
  sequences: { length: 4, domainOf: Int32Array.from([0, 1]), chars: [[...'abcd'], [...'wxyz']] },
});

describe('buildRoutingSnapshot', () => {
  const current = probe([1, 1, 2, 2, 0, 0, 0, 1]);
  const snapshot = buildRoutingSnapshot(current, 7);

  it('reports load, CV, entropy, drop rate and domain × expert usage per layer (hand-computed)', () => {
    expect(snapshot).toMatchObject({
      kind: 'routing',
      step: 7,
      numExperts: 3,
      groupKind: 'domain',
      groupNames: ['prose', 'code'],
    });
    const [l0] = snapshot.layers;
    // kept activations: e0 2, e1 2, e2 3 of 7
    expect(Array.from(l0.load)).toEqual([2 / 7, 2 / 7, 3 / 7].map(Math.fround));
    expect(l0.loadCV).toBeCloseTo(Math.SQRT2 / 7, 6);
    expect(l0.entropy).toBeCloseTo(1, 6); // uniform router probabilities
    expect(l0.dropRate).toBe(1 / 8);
    expect(Array.from(l0.usage)).toEqual([0.5, 0.5, 0, 0, 0, 1]);
    expect(l0.changed).toBeUndefined();
  });

  it('computes SRP per segment length and SCH per cache size for sequence models', () => {
    expect(snapshot.segments).toEqual([2, 4]);
    // layer 1, m = 2: H[2] = 4, H[1] = 4, H[0] = 10 over 18 pairs, A = 12; best j = 1: 2·12 / (2·8 + 12) = 6/7
    expect(snapshot.layers[1].srp![0]).toBeCloseTo(6 / 7, 6);
    const sch = snapshot.layers[1].sch!;
    expect(sch.length).toBe(2 * 3);
    expect(sch[2]).toBeCloseTo(1, 6); // a cache of all E experts always hits (warm start free)
  });

  it('gives the inter-layer affinity with rows normalised, leaving out dropped tokens', () => {
    expect(Array.from(snapshot.interLayer!)).toEqual([0, 1, 0, 0, 0, 1, 1, 0, 0]);
    // Each layer-0 expert's kept tokens all go to one layer-1 expert: affinity 1.
    expect(Array.from(snapshot.interLayerPeak!)).toEqual([1]);
  });

  it('reads inter-layer affinity on the same 0–1 scale at k = 2 (a copying layer gives 1, not 1/k)', () => {
    const top2 = (ids: number[]): ProbeLayer => ({
      numExperts: 3,
      maxK: 2,
      topIds: Int32Array.from(ids),
      kept: new Uint8Array(ids.length).fill(1),
      probs: new Float32Array(12).fill(1 / 3),
      dropRate: 0,
    });
    const routing = (layer1: number[]): ProbeRouting => ({
      groupKind: 'domain',
      groupNames: ['a'],
      expertNames: ['e0', 'e1', 'e2'],
      groupOf: new Int32Array(4),
      layers: [top2([0, 1, 1, 2, 0, 2, 0, 1]), top2(layer1)],
      sequences: { length: 4, domainOf: new Int32Array(1), chars: [[...'abcd']] },
    });
    expect(Array.from(buildRoutingSnapshot(routing([0, 1, 1, 2, 0, 2, 0, 1]), 1).interLayerPeak!)).toEqual([1]);
    const split = buildRoutingSnapshot(routing([0, 1, 0, 1, 2, 1, 2, 0]), 1).interLayerPeak![0];
    // Layer 0 picks t0 {0,1}, t1 {1,2}, t2 {0,2}, t3 {0,1}; layer 1 t0 {0,1}, t1 {0,1}, t2 {2,1}, t3 {2,0}.
    // e0 (t0, t2, t3): e0 2, e1 2, e2 2 of 3 → max 2/3; e1 (t0, t1, t3): e0 3 of 3 → 1; e2 (t1, t2): e1 2 of 2 → 1.
    // Mean (2/3 + 1 + 1) / 3 = 8/9.
    expect(split).toBeCloseTo(8 / 9, 6);
  });

  it('samples the first sequence of each domain with each token’s expert per layer (−1 when dropped)', () => {
    expect(snapshot.sample).toMatchObject({ texts: ['abcd', 'wxyz'], domains: ['prose', 'code'], length: 4 });
    expect(Array.from(snapshot.sample!.topExpert)).toEqual([0, 0, 1, 1, 2, 2, 2, -1, 1, 1, 2, 2, 0, 0, 0, 1]);
  });

  it('measures the share of tokens whose experts changed since the previous snapshot', () => {
    const next = buildRoutingSnapshot(probe([0, 1, 2, 2, 0, 0, 0, 1]), 8, current);
    expect(next.layers.map((l) => l.changed)).toEqual([0, 1 / 8]);
  });
});

describe('gateProbe', () => {
  it('turns softmax task gates into a weighted task × expert usage and the heaviest expert per sample', () => {
    // T = 2 tasks, N = 1 sample, E = 2
    const weights = Float32Array.from([0.75, 0.25, 0.2, 0.8]);
    const snapshot = buildRoutingSnapshot(gateProbe(weights, 2, 2, ['a', 'b'], ['e0', 'e1'], false), 0);
    expect(Array.from(snapshot.layers[0].usage)).toEqual(Array.from(weights));
    expect(snapshot.layers[0].load[0]).toBeCloseTo(0.475, 6);
    expect(snapshot.layers[0].load[1]).toBeCloseTo(0.525, 6);
    expect(snapshot.segments).toBeUndefined();
    expect(snapshot.groupKind).toBe('task');
  });
});
