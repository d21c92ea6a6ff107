// Chart-ready series from a trace's statistics (src/protocol/jobs.ts TraceStats): pure, so they are tested
// without a browser.
import type { TraceStats } from '../../../protocol/jobs.ts';
import type { LineSeries } from '../../charts/MultiLineChart.tsx';

const byM = (record: Record<string, number | null>, segments: number[]): [number, number][] =>
  segments.map((m) => [m, record[m] ?? Number.NaN]);

/** A series with dots at its points while there are few enough to tell apart. */
const curve = (name: string, points: [number, number][], emphasis = false): LineSeries => ({
  name,
  points,
  emphasis,
  dots: points.length <= 64,
});

/** The segment lengths the statistics were computed for, ascending. */
export const segmentsOf = (stats: TraceStats) =>
  Object.keys(stats.model.srp)
    .map(Number)
    .sort((a, b) => a - b);

/** SRP over segment length m: one series per layer, then the whole model (pooled over layers). */
export function srpSeries(stats: TraceStats): LineSeries[] {
  const segments = segmentsOf(stats);
  return [
    ...stats.layers.map((layer, l) => curve(`layer ${l}`, byM(layer.srp, segments))),
    curve('whole model', byM(stats.model.srp, segments), true),
  ];
}

/** SCH hit rate over cache size C = 1..E at look-ahead L: one series per layer, then their mean. */
export function schSeries(stats: TraceStats, lookAhead: number): LineSeries[] {
  const E = stats.numExperts;
  const perLayer = stats.layers.map((layer) => layer.sch[lookAhead] ?? []);
  const mean = Array.from(
    { length: E },
    (_, c) => perLayer.reduce((sum, hits) => sum + (hits[c] ?? Number.NaN), 0) / perLayer.length,
  );
  const points = (hits: number[]): [number, number][] => hits.map((h, c) => [c + 1, h]);
  return [...perLayer.map((hits, l) => curve(`layer ${l}`, points(hits))), curve('mean of layers', points(mean), true)];
}

/** Load CV and router entropy per layer (entropy only when the trace has weights). */
export function layerDiagnosticSeries(stats: TraceStats): LineSeries[] {
  const series = [
    curve(
      'load CV',
      stats.layers.map((layer, l) => [l, layer.loadCV]),
    ),
  ];
  if (stats.layers.some((layer) => layer.entropy !== undefined)) {
    series.push(
      curve(
        'router entropy (÷ ln E)',
        stats.layers.map((layer, l) => [l, layer.entropy ?? Number.NaN]),
      ),
    );
  }
  return series;
}

/** Layer × expert load, row-major [numLayers × numExperts]. */
export function loadMatrix(stats: TraceStats): Float64Array {
  const values = new Float64Array(stats.numLayers * stats.numExperts);
  stats.layers.forEach((layer, l) => values.set(layer.load, l * stats.numExperts));
  return values;
}

export const expertLabels = (numExperts: number) => Array.from({ length: numExperts }, (_, e) => `e${e}`);
export const layerLabels = (numLayers: number) => Array.from({ length: numLayers }, (_, l) => `layer ${l}`);
