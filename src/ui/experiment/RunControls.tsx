import { pauseRun, resumeRun, startRun, stopRun } from '../../bridge/runBridge.ts';
import { LIVE_STATUSES, type RunRecord } from '../../store/runsSlice.ts';
import { useLab } from '../../store/index.ts';
import { formatCount } from '../format.ts';

/** Start (or restart) the cell's experiment, and pause, resume or stop its live run. */
export function RunControls({ cellId, run }: { cellId: string; run?: RunRecord }) {
  const canStart = useLab((s) => s.drafts[cellId] === undefined);
  const status = run?.status;
  const live = status !== undefined && LIVE_STATUSES.has(status);
  const startBlocked = live || !canStart;
  const start = () => {
    if (startBlocked) return;
    const { notebook, selectRun } = useLab.getState();
    const cell = notebook.cells.find((c) => c.id === cellId);
    if (cell?.kind !== 'experiment') return;
    selectRun(cellId, undefined);
    startRun(cellId, cell.spec);
  };
  const totalSteps = run?.info?.totalSteps ?? 0;

  return (
    <div className="run-controls">
      {/* aria-disabled, not disabled: a disabled button drops keyboard focus to the page body after Enter. */}
      <button type="button" className="primary" onClick={start} aria-disabled={startBlocked} data-run-cell={cellId}>
        {run ? 'Restart' : 'Start'}
      </button>
      {status === 'paused' ? (
        <button type="button" onClick={() => resumeRun(run!.id)}>
          Resume
        </button>
      ) : (
        <button type="button" onClick={() => run && pauseRun(run.id)} disabled={status !== 'running'}>
          Pause
        </button>
      )}
      <button
        type="button"
        onClick={() => run && stopRun(run.id)}
        disabled={status !== 'running' && status !== 'paused' && status !== 'queued'}
      >
        Stop
      </button>
      <span className="run-status" data-testid="run-status" data-status={status ?? 'idle'}>
        {status === 'queued' ? `queued · place ${run!.queuePlace ?? 1}` : (status ?? 'idle')}
      </span>
      {run?.note && (
        <span className="muted" data-testid="run-note">
          {run.note}
        </span>
      )}
      {run && totalSteps > 0 && (
        <>
          <progress max={totalSteps} value={run.losses.numSteps} aria-label="Training progress" />
          <span className="muted" data-testid="step-counter">
            step {run.losses.numSteps} / {totalSteps} · {run.stepsPerSecond.toFixed(1)} steps/s
          </span>
          <span className="muted" data-testid="param-count">
            {formatCount(run.info!.numParams)} parameters
          </span>
        </>
      )}
    </div>
  );
}
