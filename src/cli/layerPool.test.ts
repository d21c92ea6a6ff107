import { describe, expect, it } from 'vitest';
import { analyseTrace, analyseTraceParallel } from '../engine/routing/report.ts';
import { synthesizeTrace } from '../engine/routing/synthetic.ts';
import { encodeBinaryTrace } from '../engine/routing/traceBinaryWrite.ts';
import { readTraceBytes } from '../engine/routing/traceRead.ts';
import { nodeLayerPool } from './layerPool.ts';

describe('nodeLayerPool (worker_threads)', () => {
  it('gives the single-threaded report for a trace read into shared arrays; after cancel it stops and refuses more layers', async () => {
    const source = synthesizeTrace({
      numLayers: 5,
      numExperts: 16,
      topK: 4,
      numSequences: 6,
      seqLength: 70,
      seed: 3,
      weights: true,
      domains: ['p', 'q'],
    });
    const trace = await readTraceBytes(encodeBinaryTrace(source), { shared: true });
    expect(trace.experts[0].buffer).toBeInstanceOf(SharedArrayBuffer);
    const pool = nodeLayerPool(2);
    try {
      const report = await analyseTraceParallel(trace, { segments: [4, 16] }, pool.run, { concurrency: pool.size });
      expect(report).toEqual(analyseTrace(source, { segments: [4, 16] }));
      // A second run on the same threads, cancelled after its first layer.
      const abort = new AbortController();
      const cancelled = analyseTraceParallel(trace, { segments: [4, 16] }, pool.run, {
        concurrency: pool.size,
        signal: abort.signal,
        onLayer: () => {
          abort.abort();
          pool.terminate();
        },
      });
      await expect(cancelled).rejects.toThrow(/cancel|abort/i);
      await expect(pool.run(trace, { layer: 0, segments: [4], capacityFactors: [1], logits: false })).rejects.toThrow(
        /stopped/,
      );
    } finally {
      pool.terminate();
    }
  }, 60_000);
});
