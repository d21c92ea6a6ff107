// The charts a view cell can show, by kind. Each takes the run it is bound to. A kind whose run
// has nothing to show says what the run needs instead of drawing an empty chart.
import type { ReactNode } from 'react';
import type { CHART_KINDS } from '../../notebook/index.ts';
import type { RunRecord } from '../../store/runsSlice.ts';
import { useLab } from '../../store/index.ts';
import { LossChart } from '../charts/LossChart.tsx';
import { ResultsTable } from '../experiment/ResultsTable.tsx';
import type { CellOf } from '../../notebook/index.ts';
import { TreeView } from '../grouping/TreeView.tsx';
import { RoutingView } from '../routing/RoutingView.tsx';
import { AffinityView } from '../affinity/AffinityView.tsx';
import { KnockoutView } from '../moe/KnockoutView.tsx';
import { UnlearningView } from '../moe/UnlearningView.tsx';
import { ExpertHealthView } from '../health/ExpertHealthView.tsx';

type ChartKind = (typeof CHART_KINDS)[number];

function ChartSettings() {
  const smoothing = useLab((s) => s.smoothing);
  const logScale = useLab((s) => s.logScale);
  const setSmoothing = useLab((s) => s.setSmoothing);
  const setLogScale = useLab((s) => s.setLogScale);
  return (
    <div className="chart-settings">
      <label>
        Smoothing <output>{smoothing.toFixed(2)}</output>
        <input type="range" min={0} max={0.99} step={0.01} value={smoothing} onChange={(e) => setSmoothing(Number(e.target.value))} />
      </label>
      <label>
        <input type="checkbox" checked={logScale} onChange={(e) => setLogScale(e.target.checked)} /> log scale
      </label>
    </div>
  );
}

function CurvesView({ run }: { run: RunRecord }) {
  const smoothing = useLab((s) => s.smoothing);
  const logScale = useLab((s) => s.logScale);
  if (!run.info) return <p className="placeholder">Starting the worker…</p>;
  return (
    <>
      <ChartSettings />
      <LossChart series={run.losses} taskNames={run.info.taskNames} smoothing={smoothing} logScale={logScale} />
    </>
  );
}

export const VIEWS: Record<ChartKind, (props: { run: RunRecord; cell?: CellOf<'view'> }) => ReactNode> = {
  curves: CurvesView,
  metrics: ({ run }) => <ResultsTable run={run} />,
  affinity: AffinityView,
  tree: ({ run, cell }) => (cell ? <TreeView cell={cell} run={run} /> : <p className="placeholder">The tree view lives in a view cell.</p>),
  routing: RoutingView,
  unlearning: UnlearningView,
  knockout: KnockoutView,
  health: ExpertHealthView,
};
