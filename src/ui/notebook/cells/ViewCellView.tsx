// A chart bound to an experiment cell (its viewed run) or to one recorded run.
import type { CellOf } from '../../../notebook/index.ts';
import { useLab } from '../../../store/index.ts';
import { viewedRun, type RunRecord } from '../../../store/runsSlice.ts';
import { LossChart } from '../../charts/LossChart.tsx';
import { ResultsTable } from '../../experiment/ResultsTable.tsx';

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

function Curves({ run }: { run: RunRecord }) {
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

export function ViewCellView({ cell }: { cell: CellOf<'view'> }) {
  const source = cell.source;
  const run = useLab((s) => (source.type === 'cell' ? viewedRun(s, source.cellId) : s.runs[source.runId]));
  const sourceName = useLab((s) => {
    if (source.type === 'run') return s.runs[source.runId]?.name ?? 'a run that is no longer in the history';
    const bound = s.notebook.cells.find((c) => c.id === source.cellId);
    return bound ? bound.title ?? (bound.kind === 'experiment' ? bound.spec.name : bound.kind) : 'a deleted cell';
  });

  if (!run) return <p className="placeholder">Run “{sourceName}” to see its {cell.chart} here; they grow live while it trains.</p>;
  switch (cell.chart) {
    case 'curves':
      return <Curves run={run} />;
    case 'metrics':
      return <ResultsTable run={run} />;
    default:
      return <p className="placeholder">The {cell.chart} view is not available for this run.</p>;
  }
}
