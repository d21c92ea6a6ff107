// Chart-ready series from a trace's statistics (src/jobs.ts TraceStats): pure, so they are tested
// without a browser.
import type { TraceStats } from '../../../jobs.ts';
import type { CurveSeries } from '../../charts/CurveChart.tsx';

const byM = (record: Record<string, number | null>, segments: number[]): [number, number][] =>
  segments.map((m) => [m, record[m] ?? Number.NaN]);

/** The segment lengths the statistics were computed for, ascending. */
export const segmentsOf = (stats: TraceStats) => Object.keys(stats.model.srp).map(Number).sort((a, b) => a - b);

/** SRP over segment length m: one series per layer, then the whole model (pooled over layers). */
export function srpSeries(stats: TraceStats): CurveSeries[] {
  const segments = segmentsOf(stats);
  return [
    ...stats.layers.map((layer, l) => ({ name: `layer ${l}`, points: byM(layer.srp, segments) })),
    { name: 'whole model', points: byM(stats.model.srp, segments), emphasis: true },
  ];
}

/** SCH hit rate over cache size C = 1..E at look-ahead L: one series per layer, then their mean. */
export function schSeries(stats: TraceStats, lookAhead: number): CurveSeries[] {
  const E = stats.numExperts;
  const perLayer = stats.layers.map((layer) => layer.sch[lookAhead] ?? []);
  const mean = Array.from({ length: E }, (_, c) => perLayer.reduce((sum, hits) => sum + (hits[c] ?? Number.NaN), 0) / perLayer.length);
  const points = (hits: number[]): [number, number][] => hits.map((h, c) => [c + 1, h]);
  return [...perLayer.map((hits, l) => ({ name: `layer ${l}`, points: points(hits) })), { name: 'mean of layers', points: points(mean), emphasis: true }];
}

/** Load CV and router entropy per layer (entropy only when the trace has weights). */
export function layerDiagnosticSeries(stats: TraceStats): CurveSeries[] {
  const series: CurveSeries[] = [{ name: 'load CV', points: stats.layers.map((layer, l) => [l, layer.loadCV]) }];
  if (stats.layers.some((layer) => layer.entropy !== undefined)) {
    series.push({ name: 'router entropy (÷ ln E)', points: stats.layers.map((layer, l) => [l, layer.entropy ?? Number.NaN]) });
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
