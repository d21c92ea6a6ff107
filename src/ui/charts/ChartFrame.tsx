// The frame the axis charts share: a figure whose toolbar holds the legend and the export menu, and an
// svg with the x and y axes (drawn by d3 into their groups) and their labels; the chart's own marks go
// inside. The chart measures its width on `frameRef` (useElementWidth) and builds its scales from it.
import * as d3 from 'd3';
import { useEffect, useRef, type ReactNode, type RefObject } from 'react';
import { ChartExportMenu } from './ChartExportMenu.tsx';

export interface ChartMargin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

type DrawAxis = (group: d3.Selection<SVGGElement, unknown, null, undefined>) => void;

interface ChartFrameProps {
  frameRef: RefObject<HTMLElement | null>;
  className: string;
  testId?: string;
  width: number;
  height: number;
  margin: ChartMargin;
  /** The svg's accessible description. */
  summary: string;
  legend: ReactNode;
  /** File name and CSV of the export menu. */
  exportName: string;
  csv(): string;
  /** d3 axes (`d3.axisBottom(x)`…); memoise them: a new one redraws its ticks. */
  xAxis: DrawAxis;
  yAxis: DrawAxis;
  xLabel?: string;
  yLabel: string;
  children: ReactNode;
  /** Shown after the svg, inside the figure (a hover read-out). */
  overlay?: ReactNode;
}

export function ChartFrame(props: ChartFrameProps) {
  const {
    frameRef,
    className,
    testId,
    width,
    height,
    margin,
    summary,
    legend,
    exportName,
    csv,
    xAxis,
    yAxis,
    xLabel,
    yLabel,
    children,
    overlay,
  } = props;
  const svgRef = useRef<SVGSVGElement>(null);
  const xAxisRef = useRef<SVGGElement>(null);
  const yAxisRef = useRef<SVGGElement>(null);
  useEffect(() => {
    if (xAxisRef.current) d3.select(xAxisRef.current).call(xAxis);
    if (yAxisRef.current) d3.select(yAxisRef.current).call(yAxis);
  }, [xAxis, yAxis]);
  return (
    <figure className={`chart ${className}`} ref={frameRef as RefObject<HTMLElement>} data-testid={testId}>
      <div className="chart-toolbar">
        {legend}
        <ChartExportMenu svgRef={svgRef} name={exportName} csv={csv} />
      </div>
      <svg ref={svgRef} width={width} height={height} role="img" aria-label={summary} className="chart-svg">
        <g ref={xAxisRef} transform={`translate(0,${height - margin.bottom})`} className="axis" />
        <g ref={yAxisRef} transform={`translate(${margin.left},0)`} className="axis" />
        {xLabel && (
          <text x={width - margin.right} y={height - 4} textAnchor="end" className="axis-label">
            {xLabel}
          </text>
        )}
        <text transform={`translate(14,${margin.top}) rotate(-90)`} textAnchor="end" className="axis-label">
          {yLabel}
        </text>
        {children}
      </svg>
      {overlay}
    </figure>
  );
}
