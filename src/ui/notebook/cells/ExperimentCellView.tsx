// An experiment cell: its settings, run controls, status and run history. The curves and other
// charts of its runs live in view cells bound to it.
import { useShallow } from 'zustand/react/shallow';
import { startRun } from '../../../bridge/runBridge.ts';
import type { CellOf } from '../../../notebook/index.ts';
import { useLab } from '../../../store/index.ts';
import { LIVE_STATUSES, runsOfCell, viewedRun } from '../../../store/runsSlice.ts';
import { ResultsTable } from '../../experiment/ResultsTable.tsx';
import { RunControls } from '../../experiment/RunControls.tsx';
import { RunHistory } from '../../experiment/RunHistory.tsx';
import { SpecForm } from '../../experiment/SpecForm.tsx';
import { MoeCompareButtons } from '../../compare/MoeCompareButtons.tsx';
import { ExportPytorchButton } from '../../experiment/ExportPytorchButton.tsx';
import { HomeCategoriesButton } from '../../experiment/HomeCategoriesButton.tsx';
import { newSweepCell } from '../AddCellMenu.tsx';

export function ExperimentCellView({ cell }: { cell: CellOf<'experiment'> }) {
  const runs = useLab(useShallow((s) => runsOfCell(s.runs, cell.id)));
  const run = useLab((s) => viewedRun(s, cell.id));
  const selectRun = useLab((s) => s.selectRun);
  const rerun = () => {
    selectRun(cell.id, undefined);
    startRun(cell.id, cell.spec);
  };
  const addSweep = () => {
    const { notebook, addCellAt } = useLab.getState();
    addCellAt(newSweepCell(cell.id), notebook.cells.findIndex((c) => c.id === cell.id) + 1);
  };
  const busy = runs.some((r) => LIVE_STATUSES.has(r.status));

  return (
    <div className="experiment-cell">
      <SpecForm cellId={cell.id} spec={cell.spec} disabled={busy} />
      <RunControls cellId={cell.id} run={run} />
      <button
        type="button"
        className="link"
        onClick={addSweep}
        title="Adds a sweep cell below: several seeds, or a grid over one or two settings"
      >
        Sweep seeds or settings…
      </button>
      <MoeCompareButtons cell={cell} disabled={busy} />
      <HomeCategoriesButton cell={cell} disabled={busy} />
      <ExportPytorchButton cellId={cell.id} spec={cell.spec} />
      {run?.error && (
        <div className="error-banner" role="alert" data-testid="run-error">
          {run.error}
        </div>
      )}
      {run?.result?.warnings?.map((warning) => (
        // The run finished, but probably not as intended (a loss that rose, a constant target).
        <p key={warning} className="notice run-warning" role="status" data-testid="run-warning">
          {warning}
        </p>
      ))}
      {run?.status === 'interrupted' && (
        <p className="notice" role="status">
          This run was interrupted when the page closed; the {run.losses.numSteps} steps it had saved are kept.
        </p>
      )}
      {run?.fromAuthor && (
        <p className="notice author-results" role="status" data-testid="author-results">
          <strong>The author’s results</strong>, saved with this notebook
          {run.backend ? ` (trained on ${run.backend.backend})` : ''}: not trained in this browser
          {run.fromAuthor.lossStride > 1 ? `; curves are averages over ${run.fromAuthor.lossStride} steps` : ''}.{' '}
          <button type="button" className="link" disabled={busy} onClick={rerun}>
            Re-run here
          </button>
        </p>
      )}
      {run && <ResultsTable run={run} />}
      <RunHistory runs={runs} selectedId={run?.id} onSelect={(id) => selectRun(cell.id, id)} />
    </div>
  );
}
