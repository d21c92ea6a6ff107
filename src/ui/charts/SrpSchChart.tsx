// Local routing consistency (ALGORITHMS.md Part 2 §1): SRP over segment length m and SCH hit rate
// over cache size C (for one look-ahead L), for the current snapshot (solid) and an earlier one (dashed).
import * as d3 from 'd3';
import { MultiLineChart, type LineSeries } from './MultiLineChart.tsx';
import { seriesColor } from './palette.ts';

export interface SrpSchCurve {
  label: string;
  /** SRP per segment length (NaN where undefined). */
  srp: ArrayLike<number>;
  /** SCH [segments × E]: row = look-ahead, column = cache size − 1. */
  sch: ArrayLike<number>;
}

export interface SrpSchChartProps {
  segments: number[];
  numExperts: number;
  /** Index into `segments` of the SCH look-ahead shown. */
  lookAhead: number;
  current: SrpSchCurve;
  previous?: SrpSchCurve;
  /** Names the layer in titles and file names. */
  what: string;
}

const f = d3.format('.2f');

export function SrpSchChart({ segments, numExperts, lookAhead, current, previous, what }: SrpSchChartProps) {
  const curves = previous ? [current, previous] : [current];
  const srpSeries: LineSeries[] = curves.map((c, i) => ({
    name: c.label,
    points: segments.map((m, j) => [m, c.srp[j]]),
    color: seriesColor(0),
    dash: i === 0 ? undefined : '5 4',
    dots: true,
  }));
  const schSeries: LineSeries[] = curves.map((c, i) => ({
    name: c.label,
    points: Array.from({ length: numExperts }, (_, e) => [e + 1, c.sch[lookAhead * numExperts + e]]),
    color: seriesColor(2),
    dash: i === 0 ? undefined : '5 4',
    dots: true,
  }));
  const L = segments[lookAhead];
  const srpSummary = `SRP of ${what} by segment length: ${segments.map((m, j) => `m=${m}: ${f(current.srp[j])}`).join(', ')}${previous ? `; previously ${segments.map((m, j) => `m=${m}: ${f(previous.srp[j])}`).join(', ')}` : ''}.`;
  const schSummary = `SCH hit rate of ${what} with look-ahead ${L} by cache size: ${Array.from({ length: numExperts }, (_, e) => `C=${e + 1}: ${f(current.sch[lookAhead * numExperts + e])}`).join(', ')}.`;
  return (
    <div className="srp-sch">
      <div>
        <h4>SRP over segment length</h4>
        <MultiLineChart
          series={srpSeries}
          xLabel="segment length m"
          yLabel="SRP"
          xScale="log2"
          yDomain={[0, 1]}
          summary={srpSummary}
          name={`srp-${what}`}
          height={200}
        />
      </div>
      <div>
        <h4>SCH over cache size (look-ahead {L})</h4>
        <MultiLineChart
          series={schSeries}
          xLabel="cache size C (experts)"
          yLabel="hit rate"
          integerX
          yDomain={[0, 1]}
          summary={schSummary}
          name={`sch-${what}`}
          height={200}
        />
      </div>
    </div>
  );
}
