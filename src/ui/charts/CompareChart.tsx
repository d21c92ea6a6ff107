// Several runs' per-task loss curves on one chart. Colour = task, dash = experiment; a group of
// seeds is its mean line over a shaded ± 1 std band.
import * as d3 from 'd3';
import { useMemo, useRef } from 'react';
import { useElementWidth } from '../useElementWidth.ts';
import { ChartFrame } from './ChartFrame.tsx';
import { seriesColor } from './palette.ts';
import type { SeedGroup } from './seedBands.ts';
import { decimate } from './smoothing.ts';
import { lossAxis, stepAxis } from './lossAxes.ts';
import { csvText } from '../../shared/csv.ts';

const HEIGHT = 320;
const MARGIN = { top: 12, right: 16, bottom: 36, left: 56 };
const GROUP_DASHES = ['', '7 3', '2 3', '9 3 2 3', '1 5'];
const groupDash = (g: number) => GROUP_DASHES[g % GROUP_DASHES.length];
const format = d3.format('.4~g');

interface CompareChartProps {
  groups: SeedGroup[];
  logScale: boolean;
}

export function CompareChart({ groups, logScale }: CompareChartProps) {
  const containerRef = useRef<HTMLElement>(null);
  const width = useElementWidth(containerRef);
  const taskNames = useMemo(() => [...new Set(groups.flatMap((g) => g.tasks.map((t) => t.task)))], [groups]);

  const { x, y, numSteps } = useMemo(() => {
    let lo = Infinity,
      hi = -Infinity,
      steps = 1;
    for (const group of groups) {
      for (const band of group.tasks) {
        steps = Math.max(steps, band.mean.length);
        for (let s = 0; s < band.mean.length; s++) {
          const low = band.mean[s] - band.std[s],
            high = band.mean[s] + band.std[s];
          if (Number.isFinite(high)) hi = Math.max(hi, high);
          const floor = logScale ? (low > 0 ? low : band.mean[s]) : low;
          if (Number.isFinite(floor) && (!logScale || floor > 0)) lo = Math.min(lo, floor);
        }
      }
    }
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) [lo, hi] = logScale ? [0.01, 1] : [0, 1];
    if (lo === hi) [lo, hi] = logScale ? [lo / 2, hi * 2] : [lo - 1, hi + 1];
    const yRange = [HEIGHT - MARGIN.bottom, MARGIN.top];
    return {
      numSteps: steps,
      x: d3.scaleLinear([0, Math.max(1, steps - 1)], [MARGIN.left, width - MARGIN.right]),
      y: logScale ? d3.scaleLog([lo, hi], yRange).nice() : d3.scaleLinear([Math.min(0, lo), hi], yRange).nice(),
    };
  }, [groups, logScale, width]);

  const xAxis = useMemo(() => stepAxis(x, width), [x, width]);
  const yAxis = useMemo(() => lossAxis(y, logScale), [y, logScale]);

  const floor = y.domain()[0];
  const clamp = (v: number) => (logScale ? Math.max(v, floor) : v);
  const linePath = (values: Float32Array) =>
    d3
      .line<number>(
        (i) => x(i),
        (i) => y(clamp(values[i])),
      )
      .defined((i) => Number.isFinite(values[i]))(decimate(values, Math.max(50, width))) ?? '';
  const bandPath = (mean: Float32Array, std: Float32Array) =>
    d3
      .area<number>()
      .x((i) => x(i))
      .y0((i) => y(clamp(mean[i] - std[i])))
      .y1((i) => y(clamp(mean[i] + std[i])))
      .defined((i) => Number.isFinite(mean[i]) && Number.isFinite(std[i]))(decimate(mean, Math.max(50, width))) ?? '';

  const csv = () => {
    const columns = groups.flatMap((g) =>
      g.tasks.flatMap((t) => [
        `${g.name} [seeds ${g.seeds.join(' ')}] ${t.task} mean`,
        `${g.name} [seeds ${g.seeds.join(' ')}] ${t.task} std`,
      ]),
    );
    const rows = Array.from({ length: numSteps }, (_, s) => [
      s,
      ...groups.flatMap((g) => g.tasks.flatMap((t) => [t.mean[s], t.std[s]])),
    ]);
    return csvText([['step', ...columns], ...rows]);
  };

  const summary = `Training loss of ${groups.length} compared experiments over up to ${numSteps} steps. ${groups
    .map((g) => {
      const finals = g.tasks.map(
        (t) =>
          `${t.task} ${format(t.mean.at(-1) ?? NaN)}${g.seeds.length > 1 ? ` ± ${format(t.std.at(-1) ?? NaN)}` : ''}`,
      );
      return `${g.name} (${g.seeds.length > 1 ? `mean ± std over seeds ${g.seeds.join(', ')}` : `seed ${g.seeds[0]}`}): last ${finals.join(', ')}.`;
    })
    .join(' ')}`;

  const legend = (
    <ul className="legend" aria-label="Tasks and experiments">
      {taskNames.map((name, t) => (
        <li key={`task-${name}`} className="legend-item">
          <span className="swatch" style={{ background: seriesColor(t) }} /> {name}
        </li>
      ))}
      {groups.map((g, i) => (
        <li key={g.key} className="legend-item" data-testid="compare-group">
          <svg width="24" height="10" aria-hidden="true">
            <line x1="0" x2="24" y1="5" y2="5" stroke="currentColor" strokeWidth="2" strokeDasharray={groupDash(i)} />
          </svg>
          {g.name} —{' '}
          {g.seeds.length > 1
            ? `mean ± std over ${g.seeds.length} seeds (${g.seeds.join(', ')})`
            : `seed ${g.seeds[0]}`}
        </li>
      ))}
    </ul>
  );

  return (
    <ChartFrame
      frameRef={containerRef}
      className="compare-chart"
      width={width}
      height={HEIGHT}
      margin={MARGIN}
      summary={summary}
      legend={legend}
      exportName="compare-runs"
      csv={csv}
      xAxis={xAxis}
      yAxis={yAxis}
      xLabel="step"
      yLabel={`loss${logScale ? ' (log)' : ''}`}
    >
      {groups.map((g, i) =>
        g.tasks.map((band) => {
          const color = seriesColor(taskNames.indexOf(band.task));
          return (
            <g key={`${g.key}-${band.task}`} data-group={g.name} data-task={band.task}>
              {g.seeds.length > 1 && (
                <path className="seed-band" data-testid="seed-band" d={bandPath(band.mean, band.std)} fill={color} />
              )}
              <path className="loss-line" d={linePath(band.mean)} stroke={color} strokeDasharray={groupDash(i)} />
            </g>
          );
        }),
      )}
    </ChartFrame>
  );
}
