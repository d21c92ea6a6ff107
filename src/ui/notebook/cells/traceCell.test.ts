// Pure pieces of the trace cell: the segment field, chart series and screen-reader sentences, checked
// against a hand-made 2-layer × 3-expert statistics object.
import { describe, expect, it } from 'vitest';
import type { TraceStats } from '../../../protocol/jobs.ts';
import { parseSegmentList } from './segmentList.ts';
import { layerDiagnosticSeries, loadMatrix, schSeries, segmentsOf, srpSeries } from './traceSeries.ts';
import {
  affinitySummary,
  describeTrace,
  loadSummary,
  mostUsedExperts,
  referenceSegment,
  schSummary,
  srpSummary,
} from './traceSummaries.ts';

const layer = (
  srp4: number,
  srp16: number | null,
  load: number[],
  loadCV: number,
  sch16: number[],
  entropy?: number,
) => ({
  srp: { 4: srp4, 16: srp16 },
  sch: { 4: [0.1, 0.2, 0.3], 16: sch16 },
  load,
  loadCV,
  ...(entropy === undefined ? {} : { entropy }),
  dropRate: {},
});

const stats: TraceStats = {
  numLayers: 2,
  numExperts: 3,
  topK: 1,
  numSequences: 2,
  numTokens: 40,
  layers: [
    layer(0.9, 0.8, [0.5, 0.25, 0.25], 0.35, [0.6, 0.9, 1], 0.4),
    layer(0.7, null, [0.2, 0.2, 0.6], 0.5, [0.4, 0.7, 1], 0.6),
  ],
  model: { srp: { 16: 0.75, 4: 0.8 } },
  interLayer: [
    {
      from: 0,
      to: 1,
      peak: 0.9,
      conditional: [
        [0.1, 0.9, 0],
        [0.5, 0.5, 0],
        [0, 0.2, 0.8],
      ],
    },
  ],
};

describe('segment lengths field', () => {
  it('reads lists in any order and separator, sorted and without repeats', () => {
    expect(parseSegmentList(' 64, 4;16 4 ')).toEqual({ ok: true, segments: [4, 16, 64] });
  });
  it('names the bad entry', () => {
    expect(parseSegmentList('4, x')).toEqual({ ok: false, error: '"x" is not a whole number from 1 to 4096' });
    expect(parseSegmentList('0')).toMatchObject({ ok: false, error: expect.stringContaining('"0"') });
    expect(parseSegmentList('2.5')).toMatchObject({ ok: false });
    expect(parseSegmentList('5000')).toMatchObject({ ok: false });
    expect(parseSegmentList(' ')).toEqual({ ok: false, error: 'give at least one segment length' });
    expect(parseSegmentList(Array.from({ length: 13 }, (_, i) => i + 1).join(','))).toEqual({
      ok: false,
      error: 'at most 12 segment lengths',
    });
  });
});

describe('trace chart series', () => {
  it('orders segment lengths numerically and draws SRP per layer plus the whole model', () => {
    expect(segmentsOf(stats)).toEqual([4, 16]);
    const series = srpSeries(stats);
    expect(series.map((s) => s.name)).toEqual(['layer 0', 'layer 1', 'whole model']);
    expect(series[0].points).toEqual([
      [4, 0.9],
      [16, 0.8],
    ]);
    expect(series[1].points[1][1]).toBeNaN(); // null SRP leaves a gap
    expect(series[2]).toEqual({
      name: 'whole model',
      points: [
        [4, 0.8],
        [16, 0.75],
      ],
      emphasis: true,
      dots: true,
    });
  });

  it('draws SCH over C = 1..E with the mean over layers', () => {
    const series = schSeries(stats, 16);
    expect(series[0].points).toEqual([
      [1, 0.6],
      [2, 0.9],
      [3, 1],
    ]);
    expect(series[2].name).toBe('mean of layers');
    expect(series[2].points.map(([, y]) => y)).toEqual([0.5, 0.8, 1]);
  });

  it('lays load out layer-major and adds entropy only when present', () => {
    expect(Array.from(loadMatrix(stats))).toEqual([0.5, 0.25, 0.25, 0.2, 0.2, 0.6]);
    expect(layerDiagnosticSeries(stats).map((s) => s.points)).toEqual([
      [
        [0, 0.35],
        [1, 0.5],
      ],
      [
        [0, 0.4],
        [1, 0.6],
      ],
    ]);
    const noWeights = { ...stats, layers: stats.layers.map(({ entropy: _e, ...rest }) => rest) };
    expect(layerDiagnosticSeries(noWeights)).toHaveLength(1);
  });
});

describe('trace summaries', () => {
  it('ranks experts by share, ties by lower id', () => {
    expect(mostUsedExperts([0.2, 0.4, 0.2, 0.2], 3)).toEqual([
      { expert: 1, share: 0.4 },
      { expert: 0, share: 0.2 },
      { expert: 2, share: 0.2 },
    ]);
  });

  it('reports SRP at the segment length nearest 16', () => {
    expect(referenceSegment(stats)).toBe(16);
    expect(referenceSegment({ ...stats, model: { srp: { 4: 1, 64: 1 } } })).toBe(4); // tie on log scale: the smaller
    expect(srpSummary(stats)).toBe('SRP over segment length. At m = 16: whole model 0.75; layer 0 0.8, layer 1 n/a.');
  });

  it('says what the charts show', () => {
    expect(describeTrace(stats)).toBe('2 MoE layers × 3 experts, top-1; 2 sequences, 40 tokens.');
    expect(loadSummary(stats)).toBe(
      'Expert load per layer (share of activations). Most used: layer 0: expert 0 50.0%, expert 1 25.0%; layer 1: expert 2 60.0%, expert 0 20.0%.',
    );
    expect(schSummary(stats, 16)).toMatch(
      /cache of 1 of 3 experts the mean hit rate over layers is 50\.0% \(layer 0 60\.0%, layer 1 40\.0%\)/,
    );
    expect(affinitySummary(stats.interLayer[0])).toMatch(
      /Strongest: expert 0 → 1 \(90\.0%\), expert 2 → 2 \(80\.0%\), expert 1 → 0 \(50\.0%\)/,
    );
  });
});
