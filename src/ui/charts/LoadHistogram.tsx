// Expert load as bars beside the balanced share 1/E: over-used experts stand above the line.
import * as d3 from 'd3';
import { useRef } from 'react';
import { useElementWidth } from '../useElementWidth.ts';
import { ChartExportMenu } from './ChartExportMenu.tsx';
import { seriesColor } from './palette.ts';
import { csvText } from '../../shared/csv.ts';

export interface LoadHistogramProps {
  load: ArrayLike<number>;
  expertNames: string[];
  summary: string;
  name: string;
}

const HEIGHT = 180;
const MARGIN = { top: 10, right: 12, bottom: 40, left: 44 };

export function LoadHistogram({ load, expertNames, summary, name }: LoadHistogramProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const width = Math.max(160, useElementWidth(containerRef));
  const values = Array.from(load);
  const uniform = 1 / Math.max(1, values.length);
  const x = d3.scaleBand(expertNames, [MARGIN.left, width - MARGIN.right]).padding(0.15);
  const y = d3
    .scaleLinear([0, Math.max(uniform * 1.5, d3.max(values) ?? 0)], [HEIGHT - MARGIN.bottom, MARGIN.top])
    .nice();
  const csv = () => csvText([['expert', 'load'], ...values.map((v, e) => [expertNames[e], v])]);
  return (
    <figure className="chart load-histogram" ref={containerRef}>
      <div className="chart-toolbar">
        <figcaption className="muted">
          Load per expert; dashed line: balanced share 1/E = {d3.format('.3~g')(uniform)}
        </figcaption>
        <ChartExportMenu svgRef={svgRef} name={name} csv={csv} />
      </div>
      <svg ref={svgRef} width={width} height={HEIGHT} role="img" aria-label={summary} className="chart-svg">
        <g
          transform={`translate(0,${HEIGHT - MARGIN.bottom})`}
          className="axis"
          ref={(g) => void (g && d3.select(g).call(d3.axisBottom(x)))}
        />
        <g
          transform={`translate(${MARGIN.left},0)`}
          className="axis"
          ref={(g) => void (g && d3.select(g).call(d3.axisLeft(y).ticks(4)))}
        />
        {values.map((v, e) => (
          <rect
            key={e}
            className="load-bar"
            x={x(expertNames[e])}
            width={x.bandwidth()}
            y={y(v)}
            height={y(0) - y(v)}
            fill={seriesColor(e)}
          />
        ))}
        <line
          x1={MARGIN.left}
          x2={width - MARGIN.right}
          y1={y(uniform)}
          y2={y(uniform)}
          stroke="#444"
          strokeDasharray="4 3"
        />
        <text transform={`translate(12,${MARGIN.top}) rotate(-90)`} textAnchor="end" className="axis-label">
          load
        </text>
      </svg>
    </figure>
  );
}
