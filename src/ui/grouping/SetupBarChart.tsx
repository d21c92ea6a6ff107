// Grouped bars: one group per task, one bar per set-up (colour-blind-safe colours, fixed order),
// height = the task's validation score. Scores below the axis floor are drawn at the floor.
import * as d3 from 'd3';
import { useRef } from 'react';
import { SETUP_IDS, SETUP_LABELS, type SetupResult } from '../../protocol/branchTree.ts';
import { ChartFrame } from '../charts/ChartFrame.tsx';
import { seriesColor } from '../charts/palette.ts';
import { useElementWidth } from '../useElementWidth.ts';
import { comparisonCsv, describeComparison } from './comparisonModel.ts';

interface SetupBarChartProps {
  taskNames: string[];
  scoreName: string;
  setups: SetupResult[];
}

const HEIGHT = 260;
const MARGIN = { top: 12, right: 12, bottom: 40, left: 48 };
export const setupColor = (id: SetupResult['id']) => seriesColor(SETUP_IDS.indexOf(id));

export function SetupBarChart({ taskNames, scoreName, setups }: SetupBarChartProps) {
  const containerRef = useRef<HTMLElement>(null);
  const width = useElementWidth(containerRef);

  const scores = setups.flatMap((s) => s.validationScore).filter(Number.isFinite);
  const lo = Math.min(0, Math.max(-1, d3.min(scores) ?? 0));
  const hi = Math.max(1, d3.max(scores) ?? 1);
  const x = d3
    .scaleBand(taskNames, [MARGIN.left, width - MARGIN.right])
    .paddingInner(0.2)
    .paddingOuter(0.1);
  const inner = d3
    .scaleBand(
      SETUP_IDS.filter((id) => setups.some((s) => s.id === id)),
      [0, x.bandwidth()],
    )
    .padding(0.08);
  const y = d3.scaleLinear([lo, hi], [HEIGHT - MARGIN.bottom, MARGIN.top]).nice();

  const legend = (
    <ul className="legend" aria-label="Set-ups">
      {setups.map((s) => (
        <li key={s.id} className="legend-item">
          <span className="swatch" style={{ background: setupColor(s.id) }} /> {SETUP_LABELS[s.id]}
        </li>
      ))}
    </ul>
  );

  return (
    <ChartFrame
      frameRef={containerRef}
      className="setup-bar-chart"
      testId="setup-bar-chart"
      width={width}
      height={HEIGHT}
      margin={MARGIN}
      summary={describeComparison(scoreName, setups)}
      legend={legend}
      exportName="setup-comparison"
      csv={() => comparisonCsv({ taskNames, scoreName }, setups)}
      xAxis={d3.axisBottom(x).tickSizeOuter(0)}
      yAxis={d3.axisLeft(y).ticks(5)}
      yLabel={`validation ${scoreName}`}
    >
      {setups.map((s) => (
        <g key={s.id} data-setup={s.id} fill={setupColor(s.id)}>
          {taskNames.map((name, t) => {
            const v = Number.isFinite(s.validationScore[t]) ? Math.max(y.domain()[0], s.validationScore[t]) : 0;
            const top = Math.min(y(v), y(0));
            return (
              <rect
                key={name}
                x={(x(name) ?? 0) + (inner(s.id) ?? 0)}
                y={top}
                width={inner.bandwidth()}
                height={Math.max(1, Math.abs(y(v) - y(0)))}
              >
                <title>{`${SETUP_LABELS[s.id]}, ${name}: ${scoreName} ${s.validationScore[t].toFixed(3)}`}</title>
              </rect>
            );
          })}
        </g>
      ))}
    </ChartFrame>
  );
}
