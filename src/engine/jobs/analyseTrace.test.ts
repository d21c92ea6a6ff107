import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TraceJobProgress } from '../../protocol/jobs.ts';
import { nodeLayerPool } from '../../cli/layerPool.ts';
import { analyseTrace } from '../routing/report.ts';
import { readTraceBytes } from '../routing/traceRead.ts';
import { analyseTraceJob, checkSegments, countingChunks } from './analyseTrace.ts';

const sample = (ext: string): Uint8Array<ArrayBuffer> =>
  new Uint8Array(readFileSync(new URL(`../../../public/traces/sample-4x8-top2.${ext}`, import.meta.url)));

async function run(bytes: Uint8Array<ArrayBuffer>, segments = [16, 4, 64, 4]) {
  const progress: TraceJobProgress[] = [];
  const result = await analyseTraceJob(
    { source: { type: 'blob', blob: new Blob([bytes]), name: 'trace.tlrt' }, segments },
    { progress: (p) => progress.push(p), signal: new AbortController().signal },
  );
  return { result, progress };
}

describe('analyseTrace job', () => {
  it('streams a binary blob and returns the same statistics as the reader + analyseTrace, without SRP details', async () => {
    const bytes = sample('tlrt');
    const { result, progress } = await run(bytes);
    const expected = analyseTrace(await readTraceBytes(bytes), { segments: [4, 16, 64] });
    expect(result.bytes).toBe(bytes.length);
    expect(result.stats.numLayers).toBe(4);
    expect(result.stats.numExperts).toBe(8);
    expect(result.stats.model).toEqual({ srp: expected.model.srp });
    expect(Object.keys(result.stats.model.srp)).toEqual(['4', '16', '64']);
    result.stats.layers.forEach((layer, l) => {
      const { srpDetail, ...rest } = expected.layers[l];
      expect(srpDetail).toBeDefined();
      expect(layer).toEqual(rest);
    });
    expect(result.stats.interLayer).toEqual(expected.interLayer);
    // The first read is reported; the last progress before the statistics covers every byte.
    expect(progress[0]).toMatchObject({ phase: 'reading', totalBytes: bytes.length });
    const analysing = (done: number) => ({
      phase: 'analysing',
      bytesRead: bytes.length,
      totalBytes: bytes.length,
      layers: { done, total: 4, workers: 1 },
    });
    expect(progress.slice(-5)).toEqual([0, 1, 2, 3, 4].map(analysing));
  });

  it('spreads the layers over a worker pool and gives the same statistics', async () => {
    const bytes = sample('tlrt');
    const progress: TraceJobProgress[] = [];
    const source = { type: 'blob' as const, blob: new Blob([bytes]), name: 'trace.tlrt' };
    const pooled = await analyseTraceJob(
      { source, segments: [4, 16] },
      {
        progress: (p) => progress.push(p),
        signal: new AbortController().signal,
        startLayerPool: () => nodeLayerPool(2),
      },
    );
    const alone = await analyseTraceJob(
      { source, segments: [4, 16] },
      { progress: () => {}, signal: new AbortController().signal },
    );
    expect(pooled.stats).toEqual(alone.stats);
    expect(progress.at(-1)?.layers).toEqual({ done: 4, total: 4, workers: 2 });
  }, 60_000);

  it('gives the JSON form the same statistics as the binary form', async () => {
    const [fromJson, fromBinary] = await Promise.all([run(sample('json')), run(sample('tlrt'))]);
    expect(fromJson.result.stats).toEqual(fromBinary.result.stats);
  });

  it('names the byte offset of a truncated binary trace', async () => {
    const bytes = sample('tlrt').slice(0, 1000);
    await expect(run(bytes)).rejects.toThrow(/truncated binary trace: .* data ends at byte offset 1000/);
  });

  it('names the field of a malformed JSON trace', async () => {
    const json = JSON.parse(new TextDecoder().decode(sample('json')));
    json.sequences[2].experts[5][1] = [0, 9];
    await expect(run(new TextEncoder().encode(JSON.stringify(json)))).rejects.toThrow(
      /sequences\[2\].*expert id 9 is out of range/,
    );
  });

  it('refuses bad segment lengths before reading', () => {
    expect(checkSegments([64, 4, 4])).toEqual([4, 64]);
    expect(() => checkSegments([])).toThrow(/segments: expected 1 to 12/);
    expect(() => checkSegments([4, 0])).toThrow(/segments: 0 is not an integer in 1\.\.4096/);
    expect(() => checkSegments([2.5])).toThrow(/2\.5/);
  });

  it('counts bytes as chunks pass, and stops once aborted', async () => {
    async function* chunks() {
      yield new Uint8Array(3);
      yield new Uint8Array(5);
      yield new Uint8Array(2);
    }
    const seen: number[] = [];
    const abort = new AbortController();
    const out: number[] = [];
    await expect(
      (async () => {
        for await (const chunk of countingChunks(chunks(), (n) => seen.push(n), abort.signal)) {
          out.push(chunk.length);
          if (out.length === 2) abort.abort();
        }
      })(),
    ).rejects.toThrow(/cancelled/);
    expect(seen).toEqual([3, 8]);
    expect(out).toEqual([3, 5]);
  });
});
