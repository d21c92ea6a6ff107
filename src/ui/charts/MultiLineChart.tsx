// The lab's one small multi-series line chart (d3 scales and axes, SVG): expert load over time, SRP
// over segment length, SCH over cache size, per-layer diagnostics. A legend names the series; dots
// at measured points carry a tooltip; PNG/SVG/CSV export.
import * as d3 from 'd3';
import { useRef } from 'react';
import { useElementWidth } from '../useElementWidth.ts';
import { ChartExportMenu } from './ChartExportMenu.tsx';
import { seriesColor, seriesDash } from './palette.ts';
import { csvText } from '../../shared/csv.ts';

export interface LineSeries {
  name: string;
  /** [x, y] points in x order; non-finite y values break the line. */
  points: [number, number][];
  /** Defaults to the palette's colour and dash for the series' index. */
  color?: string;
  dash?: string;
  /** Draw dots at the points (short curves such as SRP over a few segment lengths). */
  dots?: boolean;
  /** Drawn thicker and black (e.g. the whole model over its layers). */
  emphasis?: boolean;
}

export interface MultiLineChartProps {
  series: LineSeries[];
  xLabel: string;
  yLabel: string;
  /** Text for screen readers. */
  summary: string;
  /** File name for exports. */
  name: string;
  /** Fixed y range, e.g. [0, 1] for rates; by default from min(0, data) to the data's max. */
  yDomain?: [number, number];
  xScale?: 'linear' | 'log2';
  /** Whole-number x ticks only (cache sizes, expert counts). */
  integerX?: boolean;
  /** x ticks exactly at the data's x values (segment lengths, layers), when there are few. */
  tickAtPoints?: boolean;
  height?: number;
}

const MARGIN = { top: 10, right: 14, bottom: 34, left: 48 };
const format = d3.format('.3~g');

function strokeOf(s: LineSeries, index: number) {
  if (s.emphasis) return { color: '#000000', width: 3, dash: undefined };
  return { color: s.color ?? seriesColor(index), width: 2, dash: s.color ? s.dash : (s.dash ?? seriesDash(index)) };
}

export function MultiLineChart({
  series,
  xLabel,
  yLabel,
  summary,
  name,
  yDomain,
  xScale = 'linear',
  integerX = false,
  tickAtPoints = false,
  height = 220,
}: MultiLineChartProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const width = Math.max(200, useElementWidth(containerRef));
  const xs = [...new Set(series.flatMap((s) => s.points.map((p) => p[0])))].sort((a, b) => a - b);
  const ys = series.flatMap((s) => s.points.map((p) => p[1])).filter(Number.isFinite);
  const [x0, x1] = xs.length ? [xs[0], xs[xs.length - 1]] : [0, 1];
  const xRange = [MARGIN.left, width - MARGIN.right];
  const x =
    xScale === 'log2'
      ? d3.scaleLog(x0 === x1 ? [x0 / 2, x1 * 2] : [x0, x1], xRange).base(2)
      : d3.scaleLinear([x0, x1 === x0 ? x0 + 1 : x1], xRange);
  const [y0, y1] = yDomain ?? (ys.length ? (d3.extent(ys) as [number, number]) : [0, 1]);
  const y = d3.scaleLinear([Math.min(0, y0), y1 === y0 ? y0 + 1 : y1], [height - MARGIN.bottom, MARGIN.top]).nice();
  const line = d3
    .line<[number, number]>()
    .defined((p) => Number.isFinite(p[1]))
    .x((p) => x(p[0]))
    .y((p) => y(p[1]));
  const csv = () =>
    csvText([['series', 'x', 'y'], ...series.flatMap((s) => s.points.map(([px, py]) => [s.name, px, py]))]);
  const tickCount = Math.max(2, Math.floor(width / 90));

  return (
    <figure className="chart multi-line-chart" ref={containerRef} data-series={series.length}>
      <div className="chart-toolbar">
        <ul className="legend" aria-hidden="true">
          {series.map((s, i) => {
            const stroke = strokeOf(s, i);
            return (
              <li key={s.name} className="legend-item">
                <svg width={18} height={8}>
                  <line
                    x1={0}
                    x2={18}
                    y1={4}
                    y2={4}
                    stroke={stroke.color}
                    strokeWidth={stroke.width}
                    strokeDasharray={stroke.dash}
                  />
                </svg>
                {s.name}
              </li>
            );
          })}
        </ul>
        <ChartExportMenu svgRef={svgRef} name={name} csv={csv} />
      </div>
      <svg ref={svgRef} width={width} height={height} role="img" aria-label={summary} className="chart-svg">
        <g
          transform={`translate(0,${height - MARGIN.bottom})`}
          className="axis"
          ref={(g) => {
            if (!g) return;
            const axis = d3.axisBottom(x).ticks(tickCount, xScale === 'log2' ? '~d' : '~s');
            if (tickAtPoints && xs.length <= 16) axis.tickValues(xs).tickFormat(d3.format('~g'));
            else if (integerX) axis.tickValues(x.ticks(tickCount).filter(Number.isInteger)).tickFormat(d3.format('d'));
            d3.select(g).call(axis);
          }}
        />
        <g
          transform={`translate(${MARGIN.left},0)`}
          className="axis"
          ref={(g) => void (g && d3.select(g).call(d3.axisLeft(y).ticks(5)))}
        />
        <text x={width - MARGIN.right} y={height - 4} textAnchor="end" className="axis-label">
          {xLabel}
        </text>
        <text transform={`translate(12,${MARGIN.top}) rotate(-90)`} textAnchor="end" className="axis-label">
          {yLabel}
        </text>
        {series.map((s, i) => {
          const stroke = strokeOf(s, i);
          return (
            <g key={s.name} className="curve" data-name={s.name}>
              <path
                d={line(s.points) ?? ''}
                fill="none"
                stroke={stroke.color}
                strokeWidth={stroke.width}
                strokeDasharray={stroke.dash}
              />
              {s.dots &&
                s.points
                  .filter((p) => Number.isFinite(p[1]))
                  .map(([px, py]) => (
                    <circle key={px} cx={x(px)} cy={y(py)} r={s.emphasis ? 3.5 : 3} fill={stroke.color}>
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
