// The charts a view cell can show, by kind. Each takes the run it is bound to. A kind whose run
// has nothing to show says what the run needs instead of drawing an empty chart.
import { useMemo, type ReactNode } from 'react';
import { withinAcrossMeans } from '../../shared/affinityScores.ts';
import { lossChangeCorrelation } from '../../shared/lossCorrelation.ts';
import type { CHART_KINDS } from '../../notebook/index.ts';
import { LIVE_STATUSES, type RunRecord } from '../../store/runsSlice.ts';
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
        <input
          type="range"
          min={0}
          max={0.99}
          step={0.01}
          value={smoothing}
          onChange={(e) => setSmoothing(Number(e.target.value))}
        />
      </label>
      <label>
        <input type="checkbox" checked={logScale} onChange={(e) => setLogScale(e.target.checked)} /> log scale
      </label>
    </div>
  );
}

/**
 * Lesson 1's figure: how much the per-batch wiggles of the loss curves move together within and
 * across the planted groups (correlation of step-to-step log-loss changes), once the run has ended.
 */
function LossCoMovement({ run }: { run: RunRecord }) {
  const groups = run.info?.plantedGroups;
  const { numTasks, numSteps, values } = run.losses;
  // Only once the run has ended: recomputed live, it cost O(steps) on every progress update.
  const ended = !LIVE_STATUSES.has(run.status);
  const means = useMemo(
    () =>
      ended && groups && numSteps >= 10 && !run.fromAuthor
        ? withinAcrossMeans(lossChangeCorrelation(values.subarray(0, numSteps * numTasks), numTasks), groups)
        : undefined,
    [ended, groups, numSteps, numTasks, values, run.fromAuthor],
  );
  if (!means || !Number.isFinite(means.within)) return null;
  return (
    <p className="muted" data-testid="loss-comovement">
      Step-to-step loss changes correlate by <strong>{means.within.toFixed(2)}</strong> between tasks of the same
      planted group and by <strong>{means.across.toFixed(2)}</strong> across groups (mean over task pairs, {numSteps}{' '}
      steps).
    </p>
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
      <LossCoMovement run={run} />
    </>
  );
}

export const VIEWS: Record<ChartKind, (props: { run: RunRecord; cell?: CellOf<'view'> }) => ReactNode> = {
  curves: CurvesView,
  metrics: ({ run }) => <ResultsTable run={run} />,
  affinity: AffinityView,
  tree: ({ run, cell }) =>
    cell ? <TreeView cell={cell} run={run} /> : <p className="placeholder">The tree view lives in a view cell.</p>,
  routing: RoutingView,
  unlearning: UnlearningView,
  knockout: KnockoutView,
  health: ExpertHealthView,
};
