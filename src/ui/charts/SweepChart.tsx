// A sweep's results as dot-and-whisker rows: one row per setting combination, each seed's run a
// small open dot, the mean a filled dot with a ±1 std whisker. Works for numeric and named settings.
import * as d3 from 'd3';
import { useRef } from 'react';
import type { SweepRow } from '../../shared/sweep.ts';
import { useElementWidth } from '../useElementWidth.ts';
import { ChartExportMenu } from './ChartExportMenu.tsx';
import { seriesColor } from './palette.ts';

interface SweepChartProps {
  rows: SweepRow[];
  labels: string[];
  metricName: string;
  csv(): string;
  name: string;
}

const MARGIN = { top: 8, right: 16, bottom: 34, left: 150 };
const ROW = 26;
const format = d3.format('.3~g');

export function SweepChart({ rows, labels, metricName, csv, name }: SweepChartProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const width = Math.max(260, useElementWidth(containerRef));
  const height = MARGIN.top + MARGIN.bottom + ROW * rows.length;
  const values = rows
    .flatMap((r) => [...r.runs.map((run) => run.value), r.mean - r.std, r.mean + r.std])
    .filter(Number.isFinite);
  const [lo, hi] = values.length ? (d3.extent(values) as [number, number]) : [0, 1];
  const x = d3.scaleLinear([lo, hi === lo ? lo + 1 : hi], [MARGIN.left, width - MARGIN.right]).nice();
  const summary = rows
    .map(
      (r, i) => `${labels[i]}: ${Number.isFinite(r.mean) ? `${format(r.mean)} ± ${format(r.std)}` : 'no finished run'}`,
    )
    .join('; ');

  return (
    <figure className="chart sweep-chart" ref={containerRef}>
      <div className="chart-toolbar">
        <span className="muted">{metricName}: each seed (○), mean (●) ± 1 std</span>
        <ChartExportMenu svgRef={svgRef} name={name} csv={csv} />
      </div>
      <svg
        ref={svgRef}
        width={width}
        height={height}
        role="img"
        aria-label={`${metricName} by setting: ${summary}`}
        className="chart-svg"
      >
        <g
          transform={`translate(0,${height - MARGIN.bottom})`}
          className="axis"
          ref={(g) => void (g && d3.select(g).call(d3.axisBottom(x).ticks(Math.max(2, Math.floor(width / 100)))))}
        />
        <text x={width - MARGIN.right} y={height - 4} textAnchor="end" className="axis-label">
          {metricName}
        </text>
        {rows.map((row, i) => {
          const cy = MARGIN.top + ROW * i + ROW / 2;
          const color = seriesColor(i);
          const has = Number.isFinite(row.mean);
          return (
            <g key={labels[i]} className="sweep-row" data-setting={labels[i]}>
              <text x={MARGIN.left - 8} y={cy} dy="0.35em" textAnchor="end" className="axis-label">
                {labels[i]}
              </text>
              {has && (
                <line
                  x1={x(row.mean - row.std)}
                  x2={x(row.mean + row.std)}
                  y1={cy}
                  y2={cy}
                  stroke={color}
                  strokeWidth={2}
                />
              )}
              {row.runs.map((run) => (
                <circle key={run.seed} cx={x(run.value)} cy={cy} r={3.5} fill="white" stroke={color}>
                  <title>{`${labels[i]}, seed ${run.seed}: ${format(run.value)}`}</title>
                </circle>
              ))}
              {has && (
                <circle className="sweep-mean" cx={x(row.mean)} cy={cy} r={5} fill={color}>
                  <title>{`${labels[i]}: mean ${format(row.mean)} ± ${format(row.std)}`}</title>
                </circle>
              )}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
