// A small multi-series line chart (d3 scales and axes, SVG): expert load over time, SRP over segment
// length, SCH over cache size. Series carry their own colour and dash; a legend names them; PNG/SVG/CSV export.
import * as d3 from 'd3';
import { useRef } from 'react';
import { useElementWidth } from '../useElementWidth.ts';
import { ChartExportMenu } from './ChartExportMenu.tsx';

export interface LineSeries {
  name: string;
  /** [x, y] points; non-finite y values break the line. */
  points: [number, number][];
  color: string;
  dash?: string;
  /** Draw dots at the points (short curves such as SRP over a few segment lengths). */
  dots?: boolean;
}

export interface MultiLineChartProps {
  series: LineSeries[];
  xLabel: string;
  yLabel: string;
  /** Text for screen readers. */
  summary: string;
  /** File name for exports. */
  name: string;
  yDomain?: [number, number];
  xScale?: 'linear' | 'log2';
  /** Whole-number x ticks only (cache sizes, expert counts). */
  integerX?: boolean;
  height?: number;
}

const MARGIN = { top: 10, right: 14, bottom: 34, left: 48 };

export function MultiLineChart({ series, xLabel, yLabel, summary, name, yDomain, xScale = 'linear', integerX = false, height = 220 }: MultiLineChartProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const width = Math.max(200, useElementWidth(containerRef));
  const xs = series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = series.flatMap((s) => s.points.map((p) => p[1])).filter(Number.isFinite);
  const [x0, x1] = xs.length ? (d3.extent(xs) as [number, number]) : [0, 1];
  const xRange = [MARGIN.left, width - MARGIN.right];
  const x =
    xScale === 'log2'
      ? d3.scaleLog([Math.max(1, x0), Math.max(2, x1)], xRange).base(2)
      : d3.scaleLinear([x0, x1 === x0 ? x0 + 1 : x1], xRange);
  const [y0, y1] = yDomain ?? (ys.length ? (d3.extent(ys) as [number, number]) : [0, 1]);
  const y = d3.scaleLinear([Math.min(0, y0), y1 === y0 ? y0 + 1 : y1], [height - MARGIN.bottom, MARGIN.top]).nice();
  const line = d3
    .line<[number, number]>()
    .defined((p) => Number.isFinite(p[1]))
    .x((p) => x(p[0]))
    .y((p) => y(p[1]));
  const csv = () => ['series,x,y', ...series.flatMap((s) => s.points.map(([px, py]) => `${JSON.stringify(s.name)},${px},${py}`))].join('\n');

  return (
    <figure className="chart multi-line-chart" ref={containerRef}>
      <div className="chart-toolbar">
        <ul className="legend" aria-hidden="true">
          {series.map((s) => (
            <li key={s.name} className="legend-item">
              <svg width={18} height={8}>
                <line x1={0} x2={18} y1={4} y2={4} stroke={s.color} strokeWidth={2} strokeDasharray={s.dash} />
              </svg>
              {s.name}
            </li>
          ))}
        </ul>
        <ChartExportMenu svgRef={svgRef} name={name} csv={csv} />
      </div>
      <svg ref={svgRef} width={width} height={height} role="img" aria-label={summary} className="chart-svg">
        <g
          transform={`translate(0,${height - MARGIN.bottom})`}
          className="axis"
          ref={(g) => {
            if (!g) return;
            const axis = d3.axisBottom(x).ticks(Math.max(2, Math.floor(width / 90)), xScale === 'log2' ? '~d' : '~s');
            if (integerX) axis.tickValues(x.ticks(Math.max(2, Math.floor(width / 90))).filter(Number.isInteger)).tickFormat(d3.format('d'));
            d3.select(g).call(axis);
          }}
        />
        <g transform={`translate(${MARGIN.left},0)`} className="axis" ref={(g) => void (g && d3.select(g).call(d3.axisLeft(y).ticks(5)))} />
        <text x={width - MARGIN.right} y={height - 4} textAnchor="end" className="axis-label">
          {xLabel}
        </text>
        <text transform={`translate(12,${MARGIN.top}) rotate(-90)`} textAnchor="end" className="axis-label">
          {yLabel}
        </text>
        {series.map((s) => (
          <g key={s.name}>
            <path d={line(s.points) ?? ''} fill="none" stroke={s.color} strokeWidth={2} strokeDasharray={s.dash} />
            {s.dots && s.points.filter((p) => Number.isFinite(p[1])).map(([px, py]) => <circle key={px} cx={x(px)} cy={y(py)} r={3} fill={s.color} />)}
          </g>
        ))}
      </svg>
    </figure>
  );
}
