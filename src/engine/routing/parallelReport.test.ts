import { describe, expect, it } from 'vitest';
import { createRng } from '../util/random.ts';
import { interLayerAffinity } from './affinity.ts';
import { domainUsage } from './domains.ts';
import { tinyTrace } from './fixtures.ts';
import { answerLayerRequest, createLayerPool, type LayerReply, type PoolWorker } from './layerPool.ts';
import { coefficientOfVariation, dropRate, expertLoad, routerEntropy, weightsAreLogits } from './load.ts';
import { analyseTrace, analyseTraceParallel, type RoutingReport } from './report.ts';
import { layerSch } from './sch.ts';
import { addSrpCounts, emptySrpCounts, mergeSrpCounts, srpFromCounts } from './srp.ts';
import { synthesizeTrace } from './synthetic.ts';
import type { RoutingTrace } from './trace.ts';

const SEGMENTS = [1, 4, 16];

/** The single-threaded statistics as analyseTrace computed them before layers were split: on the whole trace. */
function reference(trace: RoutingTrace) {
  const logits = weightsAreLogits(trace);
  const layers = Array.from({ length: trace.numLayers }, (_, l) => ({
    load: Array.from(expertLoad(trace, l)),
    loadCV: coefficientOfVariation(expertLoad(trace, l)),
    srp: SEGMENTS.map((m) => srpFromCounts(addSrpCounts(trace, l, emptySrpCounts(m)))?.srp ?? null),
    sch: SEGMENTS.map((m) => Array.from(layerSch(trace, l, m))),
    entropy: routerEntropy(trace, l, logits),
    dropRate: [1, 1.25, 2].map((cf) => dropRate(trace, l, cf)),
    domains: domainUsage(trace, l),
  }));
  const model = SEGMENTS.map(
    (m) =>
      srpFromCounts(
        mergeSrpCounts(Array.from({ length: trace.numLayers }, (_, l) => addSrpCounts(trace, l, emptySrpCounts(m)))),
      )?.srp ?? null,
  );
  const inter = Array.from({ length: trace.numLayers - 1 }, (_, l) => interLayerAffinity(trace, l));
  return { layers, model, inter };
}

/** Every number of `report` within 1e-9 of the reference (the same code gives exactly equal numbers). */
function expectMatches(report: RoutingReport, trace: RoutingTrace) {
  const want = reference(trace);
  const close = (a: number | null | undefined, b: number | null | undefined) => {
    if (a === null || a === undefined) expect(a).toBe(b);
    else expect(Math.abs(a - (b as number))).toBeLessThanOrEqual(1e-9);
  };
  report.layers.forEach((layer, l) => {
    const w = want.layers[l];
    layer.load.forEach((v, e) => close(v, w.load[e]));
    close(layer.loadCV, w.loadCV);
    SEGMENTS.forEach((m, i) => {
      close(layer.srp[m], w.srp[i]);
      layer.sch[m].forEach((v, c) => close(v, w.sch[i][c]));
    });
    close(layer.entropy, w.entropy?.mean);
    close(layer.marginalEntropy, w.entropy?.marginal);
    [1, 1.25, 2].forEach((cf, i) => close(layer.dropRate[cf], w.dropRate[i]));
    expect(layer.domainUsage?.domains).toEqual(w.domains?.domains);
    close(layer.domainUsage?.mutualInformation, w.domains?.mutualInformation);
  });
  SEGMENTS.forEach((m, i) => close(report.model.srp[m], want.model[i]));
  expect(report.interLayer).toHaveLength(trace.numLayers - 1);
  report.interLayer.forEach((pair, l) => {
    close(pair.peak, want.inter[l].peak);
    pair.conditional.flat().forEach((v, i) => close(v, want.inter[l].conditional[i]));
  });
}

/** Random variable-k routing: each token lists 0..maxK distinct experts, with random weights. */
function variableKTrace(seed: number): RoutingTrace {
  const rng = createRng(seed);
  const E = 6;
  const sequences = Array.from({ length: 5 }, () =>
    Array.from({ length: 3 + rng.int(30) }, () =>
      Array.from({ length: 3 }, () => {
        const picked = new Set<number>();
        const count = rng.int(4);
        while (picked.size < count) picked.add(rng.int(E));
        return [...picked];
      }),
    ),
  );
  const weights = sequences.map((seq) => seq.map((token) => token.map((ids) => ids.map(() => rng.next() - 0.3))));
  return tinyTrace({ numExperts: E, topK: 'variable', sequences, weights, domains: ['a', 'b', 'a', 'c', 'b'] });
}

const traces: [string, RoutingTrace][] = [
  ['fixed k', synthesizeTrace({ numLayers: 4, numExperts: 12, topK: 3, numSequences: 9, seqLength: 40, seed: 5 })],
  [
    'fixed k with weights and domains',
    synthesizeTrace({
      numLayers: 3,
      numExperts: 8,
      topK: 2,
      numSequences: 7,
      seqLength: 33,
      seed: 6,
      weights: true,
      domains: ['x', 'y'],
    }),
  ],
  ['variable k with logits', variableKTrace(7)],
  ['one layer', synthesizeTrace({ numLayers: 1, numExperts: 5, topK: 1, numSequences: 3, seqLength: 12, seed: 8 })],
];

/** A pool whose "workers" answer on a later task, in a shuffled order, after a structured clone. */
function inProcessPool(size: number, seed: number) {
  const rng = createRng(seed);
  const spawned: { terminated: boolean }[] = [];
  const pool = createLayerPool(size, (): PoolWorker => {
    const state = { terminated: false };
    spawned.push(state);
    let onReply: (reply: LayerReply) => void = () => {};
    return {
      post: (request) => {
        const copy = structuredClone(request);
        setTimeout(() => state.terminated || onReply(structuredClone(answerLayerRequest(copy))), rng.int(5));
      },
      listen: (reply) => (onReply = reply),
      terminate: () => (state.terminated = true),
    };
  });
  return { pool, spawned };
}

describe('analyseTraceParallel', () => {
  it.each(traces)('equals the single-threaded reference to 1e-9 (%s)', async (_, trace) => {
    expectMatches(analyseTrace(trace, { segments: SEGMENTS }), trace);
    for (const size of [1, 2, 3]) {
      const { pool } = inProcessPool(size, size);
      const progress: number[] = [];
      const report = await analyseTraceParallel(trace, { segments: SEGMENTS }, pool.run, {
        concurrency: size,
        onLayer: (done) => progress.push(done),
      });
      expectMatches(report, trace);
      expect(report).toEqual(analyseTrace(trace, { segments: SEGMENTS }));
      expect(progress).toEqual(Array.from({ length: trace.numLayers }, (_, i) => i + 1));
    }
  });

  it('stops every worker on cancel and rejects with an AbortError', async () => {
    const trace = traces[0][1];
    const { pool, spawned } = inProcessPool(2, 1);
    const abort = new AbortController();
    const running = analyseTraceParallel(trace, { segments: SEGMENTS }, pool.run, {
      concurrency: 2,
      signal: abort.signal,
      onLayer: () => {
        abort.abort();
        pool.terminate();
      },
    });
    await expect(running).rejects.toThrow(/cancel|abort/i);
    expect(spawned).toHaveLength(2);
    expect(spawned.every((w) => w.terminated)).toBe(true);
  });
});
