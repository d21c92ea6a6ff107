// A labelled matrix of coloured cells: affinity matrices (diverging, centred on 0), expert usage
// and load (sequential). SVG cells for small matrices, one canvas image for big ones; a colour
// legend, hover read-out of the exact value, and PNG/SVG/CSV export.
import * as d3 from 'd3';
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { useElementWidth } from '../useElementWidth.ts';
import { ChartExportMenu } from './ChartExportMenu.tsx';
import { csvText } from '../../shared/csv.ts';

export interface HeatmapProps {
  /** Row-major values, rows.length × cols.length; NaN draws as an empty cell. */
  values: ArrayLike<number>;
  rows: string[];
  cols: string[];
  /** 'diverging' centres a red–blue scale on 0 (symmetric domain); 'sequential' uses viridis. */
  scale: 'diverging' | 'sequential';
  /** Fixed colour domain; by default the data's extent. */
  domain?: [number, number];
  rowTitle?: string;
  colTitle?: string;
  /** Text for screen readers: what the matrix shows and its notable entries. */
  summary: string;
  /** File name for exports. */
  name: string;
  format?: (value: number) => string;
  /** Write each value in its cell (small matrices; cells too small for text stay plain). */
  showValues?: boolean;
  /** Diverging only: positive values red, negative blue (for changes where up is bad, such as Δloss). */
  positiveIsBad?: boolean;
  /** Outline one row and/or one column (an attributed expert, a forget domain). */
  mark?: { row?: number; col?: number };
}

/** Above this many cells the matrix is drawn as one canvas image instead of SVG rects. */
const SVG_CELL_LIMIT = 4096;
const LEGEND_HEIGHT = 36;
/** Below this cell size values are not written in the cells (the hover read-out still has them). */
const VALUE_TEXT_MIN_CELL = 26;

function colorScale(
  values: ArrayLike<number>,
  scale: HeatmapProps['scale'],
  domain?: [number, number],
  positiveIsBad = false,
) {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) continue;
    lo = Math.min(lo, values[i]);
    hi = Math.max(hi, values[i]);
  }
  if (!Number.isFinite(lo)) [lo, hi] = [0, 1];
  if (scale === 'diverging') {
    const extent = domain
      ? Math.max(Math.abs(domain[0]), Math.abs(domain[1]))
      : Math.max(Math.abs(lo), Math.abs(hi)) || 1;
    // RdBu runs red → blue, so negative (interference) is red and positive (help) blue.
    return d3
      .scaleDiverging(
        [-extent, 0, extent],
        positiveIsBad ? (t: number) => d3.interpolateRdBu(1 - t) : d3.interpolateRdBu,
      )
      .clamp(true);
  }
  const [from, to] = domain ?? [lo, hi === lo ? lo + 1 : hi];
  return d3.scaleSequential([from, to], d3.interpolateViridis).clamp(true);
}

/** Diverging: the two ends and 0 only (nice ticks crowd a narrow legend); sequential: a few ticks. */
function legendAxis(legendScale: d3.ScaleLinear<number, number>, scale: HeatmapProps['scale']) {
  const [lo, hi] = legendScale.domain();
  const axis = d3.axisBottom(legendScale);
  return scale === 'diverging'
    ? axis.tickValues([lo, 0, hi]).tickFormat(d3.format('.2~g'))
    : axis.ticks(Math.max(2, Math.min(4, Math.floor(legendScale.range()[1] / 50))), '~g');
}

/** Memoised: live views re-render on every progress event, this only when its own data changes. */
export const Heatmap = memo(function Heatmap({
  values,
  rows,
  cols,
  scale,
  domain,
  rowTitle,
  colTitle,
  summary,
  name,
  format = d3.format('.3~g'),
  showValues = false,
  mark,
  positiveIsBad = false,
}: HeatmapProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const width = useElementWidth(containerRef);
  const [hover, setHover] = useState<{ row: number; col: number } | null>(null);

  const color = useMemo(() => colorScale(values, scale, domain, positiveIsBad), [values, scale, domain, positiveIsBad]);
  const labelWidth = Math.min(220, 8 + 7 * Math.max(0, ...rows.map((r) => r.length)));
  const topLabel = Math.min(90, 8 + 6 * Math.max(0, ...cols.map((c) => c.length)));
  const cell = Math.max(2, Math.min(36, Math.floor((width - labelWidth - 8) / Math.max(1, cols.length))));
  const gridWidth = cell * cols.length;
  const gridHeight = cell * rows.length;
  const height = topLabel + gridHeight + LEGEND_HEIGHT + 8;
  // Room on the right for the legend's last tick label.
  const stageWidth = labelWidth + gridWidth + 24;
  const useCanvas = rows.length * cols.length > SVG_CELL_LIMIT;
  const showRowLabels = cell >= 9;

  useEffect(() => {
    if (!useCanvas || !canvasRef.current) return;
    const context = canvasRef.current.getContext('2d')!;
    const image = context.createImageData(cols.length, rows.length);
    for (let i = 0; i < rows.length * cols.length; i++) {
      const rgb = d3.rgb(Number.isFinite(values[i]) ? color(values[i]) : '#ffffff');
      image.data.set([rgb.r, rgb.g, rgb.b, 255], i * 4);
    }
    context.putImageData(image, 0, 0);
  }, [useCanvas, values, color, rows.length, cols.length]);

  const colorDomain = color.domain() as number[];
  const legendScale = d3.scaleLinear(
    [colorDomain[0], colorDomain[colorDomain.length - 1]],
    [0, Math.min(240, gridWidth || 240)],
  );
  const legendStops = d3.range(0, 1.0001, 0.1).map((t) => legendScale.invert(t * legendScale.range()[1]));

  const onMove = (event: React.PointerEvent) => {
    const [x, y] = d3.pointer(event, svgRef.current);
    const col = Math.floor((x - labelWidth) / cell);
    const row = Math.floor((y - topLabel) / cell);
    setHover(row >= 0 && row < rows.length && col >= 0 && col < cols.length ? { row, col } : null);
  };

  const csv = () =>
    csvText([['', ...cols], ...rows.map((r, i) => [r, ...cols.map((_, j) => values[i * cols.length + j])])]);

  return (
    <figure className="chart heatmap" ref={containerRef} data-rows={rows.length} data-cols={cols.length}>
      <div className="chart-toolbar">
        <figcaption className="muted">
          {rowTitle && colTitle ? `${rowTitle} (rows) × ${colTitle} (columns)` : ''}
        </figcaption>
        <ChartExportMenu svgRef={svgRef} name={name} csv={csv} />
      </div>
      <div className="heatmap-stage" style={{ position: 'relative', width: stageWidth, height }}>
        {useCanvas && (
          <canvas
            ref={canvasRef}
            width={cols.length}
            height={rows.length}
            className="heatmap-canvas"
            style={{
              position: 'absolute',
              left: labelWidth,
              top: topLabel,
              width: gridWidth,
              height: gridHeight,
              imageRendering: 'pixelated',
            }}
          />
        )}
        <svg
          ref={svgRef}
          width={stageWidth}
          height={height}
          role="img"
          aria-label={summary}
          onPointerMove={onMove}
          onPointerLeave={() => setHover(null)}
          style={{ position: 'absolute', left: 0, top: 0 }}
        >
          {!useCanvas &&
            rows.map((_, i) =>
              cols.map((__, j) => {
                const v = values[i * cols.length + j];
                return (
                  <rect
                    key={`${i}-${j}`}
                    className="heatmap-cell"
                    x={labelWidth + j * cell}
                    y={topLabel + i * cell}
                    width={cell - (cell > 6 ? 1 : 0)}
                    height={cell - (cell > 6 ? 1 : 0)}
                    fill={Number.isFinite(v) ? color(v) : '#f0f0f0'}
                    // The exact value and its labels, for the CSV-less reader (tests compare backends' matrices).
                    data-row={rows[i]}
                    data-col={cols[j]}
                    data-value={v}
                  />
                );
              }),
            )}
          {showValues &&
            !useCanvas &&
            cell >= VALUE_TEXT_MIN_CELL &&
            rows.map((_, i) =>
              cols.map((__, j) => {
                const v = values[i * cols.length + j];
                if (!Number.isFinite(v)) return null;
                // Light text on dark cells, dark text on light ones.
                const dark = d3.hsl(color(v)).l < 0.55;
                return (
                  <text
                    key={`v${i}-${j}`}
                    x={labelWidth + j * cell + cell / 2}
                    y={topLabel + i * cell + cell / 2}
                    dy="0.32em"
                    textAnchor="middle"
                    className="heatmap-value"
                    fill={dark ? 'white' : '#222'}
                  >
                    {format(v)}
                  </text>
                );
              }),
            )}
          {mark?.row !== undefined && mark.row >= 0 && mark.row < rows.length && (
            <rect
              className="heatmap-mark"
              x={labelWidth - 1}
              y={topLabel + mark.row * cell - 1}
              width={gridWidth + 1}
              height={cell + 1}
            />
          )}
          {mark?.col !== undefined && mark.col >= 0 && mark.col < cols.length && (
            <rect
              className="heatmap-mark"
              x={labelWidth + mark.col * cell - 1}
              y={topLabel - 1}
              width={cell + 1}
              height={gridHeight + 1}
            />
          )}
          {showRowLabels &&
            rows.map((label, i) => (
              <text
                key={label + i}
                x={labelWidth - 4}
                y={topLabel + i * cell + cell / 2}
                dy="0.32em"
                textAnchor="end"
                className="heatmap-label"
              >
                {label}
              </text>
            ))}
          {cell >= 9 &&
            cols.map((label, j) => (
              <text
                key={label + j}
                transform={`translate(${labelWidth + j * cell + cell / 2},${topLabel - 4}) rotate(-55)`}
                className="heatmap-label"
              >
                {label}
              </text>
            ))}
          {hover && (
            <rect
              x={labelWidth + hover.col * cell}
              y={topLabel + hover.row * cell}
              width={cell}
              height={cell}
              className="heatmap-hover"
            />
          )}
          <g transform={`translate(${labelWidth},${topLabel + gridHeight + 10})`} className="heatmap-legend">
            {legendStops.slice(0, -1).map((v, i) => (
              <rect
                key={i}
                x={legendScale(v)}
                width={legendScale(legendStops[i + 1]) - legendScale(v) + 0.5}
                height={10}
                fill={color(v)}
              />
            ))}
            <g
              transform="translate(0,10)"
              ref={(g) => void (g && d3.select(g).call(legendAxis(legendScale, scale).tickSizeOuter(0)))}
              className="axis"
            />
          </g>
        </svg>
        {hover && (
          <div
            className="hover-readout"
            role="status"
            style={{
              left: Math.min(labelWidth + (hover.col + 1) * cell + 8, Math.max(0, width - 200)),
              top: topLabel + hover.row * cell,
            }}
          >
            <strong>{rows[hover.row]}</strong> → <strong>{cols[hover.col]}</strong>:{' '}
            {format(values[hover.row * cols.length + hover.col])}
          </div>
        )}
      </div>
    </figure>
  );
});
