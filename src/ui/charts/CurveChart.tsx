// A small line chart of a few named series over a shared numeric x (a log₂ or linear axis), with dots
// at the measured points: SRP over segment length, SCH hit rate over cache size, per-layer diagnostics.
// Generic on purpose; the routing trace cell is its first user.
import * as d3 from 'd3';
import { useEffect, useMemo, useRef } from 'react';
import { useElementWidth } from '../useElementWidth.ts';
import { ChartExportMenu } from './ChartExportMenu.tsx';
import { seriesColor, seriesDash } from './palette.ts';

export interface CurveSeries {
  name: string;
  /** [x, y] pairs in x order; a non-finite y leaves a gap. */
  points: [number, number][];
  /** Drawn thicker and black (e.g. the whole model over its layers). */
  emphasis?: boolean;
}

export interface CurveChartProps {
  series: CurveSeries[];
  xLabel: string;
  yLabel: string;
  xScale?: 'linear' | 'log2';
  /** Fixed y range, e.g. [0, 1] for rates; by default [0, the data's max]. */
  yDomain?: [number, number];
  /** Integer x ticks at the data's x values (segment lengths, layers). */
  tickAtPoints?: boolean;
  /** Text for screen readers: what is drawn and its notable values. */
  summary: string;
  /** File name for exports. */
  name: string;
  height?: number;
}

const MARGIN = { top: 10, right: 16, bottom: 36, left: 48 };
const format = d3.format('.3~g');

export function CurveChart({ series, xLabel, yLabel, xScale = 'linear', yDomain, tickAtPoints, summary, name, height = 240 }: CurveChartProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const xAxisRef = useRef<SVGGElement>(null);
  const yAxisRef = useRef<SVGGElement>(null);
  const width = Math.min(560, useElementWidth(containerRef));

  const xs = useMemo(() => [...new Set(series.flatMap((s) => s.points.map(([x]) => x)))].sort((a, b) => a - b), [series]);
  const { x, y } = useMemo(() => {
    const lo = xs[0] ?? 1;
    const hi = xs.at(-1) ?? 1;
    const xDomain: [number, number] = lo === hi ? [xScale === 'log2' ? lo / 2 : lo - 1, xScale === 'log2' ? hi * 2 : hi + 1] : [lo, hi];
    const range: [number, number] = [MARGIN.left, width - MARGIN.right];
    const yMax = d3.max(series.flatMap((s) => s.points.map(([, v]) => (Number.isFinite(v) ? v : 0)))) ?? 1;
    return {
      x: xScale === 'log2' ? d3.scaleLog(xDomain, range).base(2) : d3.scaleLinear(xDomain, range),
      y: d3.scaleLinear(yDomain ?? [0, yMax > 0 ? yMax : 1], [height - MARGIN.bottom, MARGIN.top]).nice(),
    };
  }, [xs, series, xScale, yDomain, width, height]);

  useEffect(() => {
    if (xAxisRef.current) {
      const axis = d3.axisBottom(x).tickFormat(d3.format('~g'));
      if (tickAtPoints && xs.length <= 16) axis.tickValues(xs);
      else axis.ticks(Math.max(2, Math.min(10, width / 70)));
      d3.select(xAxisRef.current).call(axis);
    }
    if (yAxisRef.current) d3.select(yAxisRef.current).call(d3.axisLeft(y).ticks(5));
  }, [x, y, xs, tickAtPoints, width]);

  const line = d3
    .line<[number, number]>(([px]) => x(px), ([, py]) => y(py))
    .defined(([, py]) => Number.isFinite(py));
  const csv = () => [[xLabel, ...series.map((s) => s.name)].join(','), ...xs.map((px) => [px, ...series.map((s) => s.points.find(([q]) => q === px)?.[1] ?? '')].join(','))].join('\n');
  const style = (s: CurveSeries, i: number) => (s.emphasis ? { stroke: '#000000', width: 3, dash: '' } : { stroke: seriesColor(i), width: 1.75, dash: seriesDash(i) });

  return (
    <figure className="chart curve-chart" ref={containerRef} data-series={series.length}>
      <div className="chart-toolbar">
        <ul className="legend" aria-hidden="true">
          {series.map((s, i) => (
            <li key={s.name} className="legend-item">
              <svg width="18" height="10">
                <line x1="0" x2="18" y1="5" y2="5" stroke={style(s, i).stroke} strokeWidth={style(s, i).width} strokeDasharray={style(s, i).dash} />
              </svg>
              {s.name}
            </li>
          ))}
        </ul>
        <ChartExportMenu svgRef={svgRef} name={name} csv={csv} />
      </div>
      <svg ref={svgRef} width={width} height={height} role="img" aria-label={summary} className="chart-svg">
        <g ref={xAxisRef} transform={`translate(0,${height - MARGIN.bottom})`} className="axis" />
        <g ref={yAxisRef} transform={`translate(${MARGIN.left},0)`} className="axis" />
        <text x={width - MARGIN.right} y={height - 4} textAnchor="end" className="axis-label">
          {xLabel}
        </text>
        <text transform={`translate(12,${MARGIN.top}) rotate(-90)`} textAnchor="end" className="axis-label">
          {yLabel}
        </text>
        {series.map((s, i) => {
          const { stroke, width: strokeWidth, dash } = style(s, i);
          return (
            <g key={s.name} className="curve" data-name={s.name}>
              <path d={line(s.points) ?? ''} fill="none" stroke={stroke} strokeWidth={strokeWidth} strokeDasharray={dash} />
              {s.points.length <= 64 &&
                s.points
                  .filter(([, py]) => Number.isFinite(py))
                  .map(([px, py]) => (
                    <circle key={px} cx={x(px)} cy={y(py)} r={s.emphasis ? 3.5 : 2.5} fill={stroke}>
                      <title>{`${s.name}, ${xLabel} ${px}: ${format(py)}`}</title>
                    </circle>
                  ))}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
