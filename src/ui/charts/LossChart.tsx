// Per-task training loss curves: smoothed line over a faint raw line, log or linear y, a
// legend that toggles tasks, and a hover read-out of every task at the hovered step.
import * as d3 from 'd3';
import { memo, useDeferredValue, useMemo, useRef, useState } from 'react';
import { taskLosses, type LossSeries } from '../../store/lossSeries.ts';
import { useElementWidth } from '../useElementWidth.ts';
import { ChartFrame } from './ChartFrame.tsx';
import { lossAxis, stepAxis } from './lossAxes.ts';
import { seriesColor, seriesDash } from './palette.ts';
import { decimate, emaSmooth } from './smoothing.ts';
import { csvText } from '../../shared/csv.ts';

interface LossChartProps {
  series: LossSeries;
  taskNames: string[];
  smoothing: number;
  logScale: boolean;
}

const HEIGHT = 320;
const MARGIN = { top: 12, right: 16, bottom: 36, left: 56 };
const format = d3.format('.4~g');

/**
 * Memoised: live views re-render on every progress update, this only when its own data changes. The
 * new curves are drawn in a deferred render: with several live runs, one store update would otherwise
 * redraw every chart in one long task; deferred, React draws them between frames, chart by chart.
 */
export const LossChart = memo(function LossChart({ series: latest, taskNames, smoothing, logScale }: LossChartProps) {
  const series = useDeferredValue(latest);
  const containerRef = useRef<HTMLElement>(null);
  const width = useElementWidth(containerRef);
  const [hidden, setHidden] = useState<ReadonlySet<number>>(new Set());
  const [hoverStep, setHoverStep] = useState<number | null>(null);

  const curves = useMemo(
    () =>
      taskNames.map((_, task) => {
        const raw = taskLosses(series, task);
        return { raw, smooth: emaSmooth(raw, smoothing) };
      }),
    [series, taskNames, smoothing],
  );

  const visible = useMemo(() => curves.map((_, task) => task).filter((task) => !hidden.has(task)), [curves, hidden]);
  const { x, y } = useMemo(() => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const task of visible) {
      for (const v of curves[task].raw) {
        if (!Number.isFinite(v) || (logScale && v <= 0)) continue;
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    if (!Number.isFinite(lo)) [lo, hi] = logScale ? [0.01, 1] : [0, 1];
    if (lo === hi) [lo, hi] = logScale ? [lo / 2, hi * 2] : [lo - 1, hi + 1];
    const yRange = [HEIGHT - MARGIN.bottom, MARGIN.top];
    return {
      x: d3.scaleLinear([0, Math.max(1, series.numSteps - 1)], [MARGIN.left, width - MARGIN.right]),
      y: logScale ? d3.scaleLog([lo, hi], yRange).nice() : d3.scaleLinear([Math.min(0, lo), hi], yRange).nice(),
    };
  }, [curves, visible, logScale, width, series.numSteps]);

  const xAxis = useMemo(() => stepAxis(x, width), [x, width]);
  const yAxis = useMemo(() => lossAxis(y, logScale), [y, logScale]);

  // Points per path: the faint raw line keeps each 4 px column's lowest and highest loss, the smooth
  // line a point every 3 px. Seven live charts are redrawn together several times a second, and
  // building and parsing the path strings is most of that work, so no more points than the eye sees.
  // Memoised, so hovering or an urgent render with the old curves builds no path.
  const paths = useMemo(() => {
    const plotWidth = width - MARGIN.left - MARGIN.right;
    const pathOf = (values: Float32Array, pixelsPerPoint: number) => {
      const safe = (v: number) => (logScale ? Math.max(v, y.domain()[0]) : v);
      const line = d3
        .line<number>(
          (i) => x(i),
          (i) => y(safe(values[i])),
        )
        .defined((i) => Number.isFinite(values[i]));
      return line(decimate(values, Math.max(50, plotWidth / pixelsPerPoint))) ?? '';
    };
    return curves.map((curve, task) =>
      hidden.has(task) ? undefined : { raw: pathOf(curve.raw, 2), smooth: pathOf(curve.smooth, 3) },
    );
  }, [curves, hidden, x, y, width, logScale]);

  const onPointerMove = (event: React.PointerEvent<SVGRectElement>) => {
    const [px] = d3.pointer(event);
    if (series.numSteps === 0) return;
    setHoverStep(Math.max(0, Math.min(series.numSteps - 1, Math.round(x.invert(px)))));
  };

  const toggle = (task: number) =>
    setHidden((previous) => {
      const next = new Set(previous);
      if (!next.delete(task)) next.add(task);
      return next;
    });

  const csv = () => {
    const rows = Array.from({ length: series.numSteps }, (_, s) => [s, ...curves.map((c) => c.raw[s])]);
    return csvText([['step', ...taskNames], ...rows]);
  };

  const lastStep = series.numSteps - 1;
  const summary =
    lastStep < 0
      ? 'Per-task training loss; no steps yet.'
      : `Per-task training loss over ${series.numSteps} steps. Last smoothed values: ${taskNames
          .map((name, t) => `${name} ${format(curves[t].smooth[lastStep])}`)
          .join(', ')}.`;

  const legend = (
    <ul className="legend" aria-label="Tasks (click to show or hide)">
      {taskNames.map((name, task) => (
        <li key={name}>
          <button
            type="button"
            className={hidden.has(task) ? 'legend-item off' : 'legend-item'}
            aria-pressed={!hidden.has(task)}
            onClick={() => toggle(task)}
          >
            <svg width="18" height="10" aria-hidden="true">
              <line
                x1="0"
                x2="18"
                y1="5"
                y2="5"
                stroke={seriesColor(task)}
                strokeWidth="3"
                strokeDasharray={seriesDash(task)}
              />
            </svg>
            {name}
          </button>
        </li>
      ))}
    </ul>
  );
  const readout = hoverStep !== null && hoverStep <= lastStep && (
    <div className="hover-readout" role="status" style={{ left: Math.min(x(hoverStep) + 12, width - 200) }}>
      <strong>step {hoverStep}</strong>
      {visible.map((task) => (
        <div key={task}>
          <span className="swatch" style={{ background: seriesColor(task) }} /> {taskNames[task]}:{' '}
          {format(curves[task].smooth[hoverStep])}{' '}
          <span className="muted">(raw {format(curves[task].raw[hoverStep])})</span>
        </div>
      ))}
    </div>
  );

  return (
    <ChartFrame
      frameRef={containerRef}
      className="loss-chart"
      width={width}
      height={HEIGHT}
      margin={MARGIN}
      summary={summary}
      legend={legend}
      exportName="loss-curves"
      csv={csv}
      xAxis={xAxis}
      yAxis={yAxis}
      xLabel="step"
      yLabel={`loss${logScale ? ' (log)' : ''}`}
      overlay={readout}
    >
      {visible.map((task) => (
        <g key={task} data-task={taskNames[task]}>
          <path className="loss-raw" d={paths[task]?.raw} stroke={seriesColor(task)} />
          <path
            className="loss-line"
            d={paths[task]?.smooth}
            stroke={seriesColor(task)}
            strokeDasharray={seriesDash(task)}
          />
        </g>
      ))}
      {hoverStep !== null && lastStep >= 0 && (
        <line className="hover-rule" x1={x(hoverStep)} x2={x(hoverStep)} y1={MARGIN.top} y2={HEIGHT - MARGIN.bottom} />
      )}
      <rect
        x={MARGIN.left}
        y={MARGIN.top}
        width={Math.max(0, width - MARGIN.left - MARGIN.right)}
        height={HEIGHT - MARGIN.top - MARGIN.bottom}
        fill="transparent"
        onPointerMove={onPointerMove}
        onPointerLeave={() => setHoverStep(null)}
      />
    </ChartFrame>
  );
});
