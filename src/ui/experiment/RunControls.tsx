import { pauseRun, resumeRun, startRun, stopRun } from '../../bridge/runBridge.ts';
import { useLab } from '../../store/index.ts';

const ACTIVE = new Set(['starting', 'running', 'paused', 'stopping']);

export function RunControls() {
  const status = useLab((s) => s.status);
  const canStart = useLab((s) => s.specErrors.length === 0);
  const stepsDone = useLab((s) => s.losses.numSteps);
  const totalSteps = useLab((s) => s.info?.totalSteps ?? 0);
  const stepsPerSecond = useLab((s) => s.stepsPerSecond);
  const active = ACTIVE.has(status);

  return (
    <div className="run-controls">
      <button type="button" className="primary" onClick={startRun} disabled={active || !canStart}>
        {status === 'idle' ? 'Start' : 'Restart'}
      </button>
      {status === 'paused' ? (
        <button type="button" onClick={resumeRun}>Resume</button>
      ) : (
        <button type="button" onClick={pauseRun} disabled={status !== 'running'}>Pause</button>
      )}
      <button type="button" onClick={stopRun} disabled={!active || status === 'stopping' || status === 'starting'}>
        Stop
      </button>
      <span className="run-status" data-testid="run-status" data-status={status}>
        {status}
      </span>
      {totalSteps > 0 && (
        <>
          <progress max={totalSteps} value={stepsDone} aria-label="Training progress" />
          <span className="muted" data-testid="step-counter">
            step {stepsDone} / {totalSteps} · {stepsPerSecond.toFixed(1)} steps/s
          </span>
        </>
      )}
    </div>
  );
}
