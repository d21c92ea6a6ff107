// One experiment: its settings, run controls, live loss curves and per-task results.
import { useLab } from '../../store/index.ts';
import { LossChart } from '../charts/LossChart.tsx';
import { ResultsTable } from './ResultsTable.tsx';
import { RunControls } from './RunControls.tsx';
import { SpecForm } from './SpecForm.tsx';

const BUSY = new Set(['starting', 'running', 'paused', 'stopping']);

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

/** Subscribes to the streaming losses itself, so each progress event re-renders only the chart. */
function LiveLossChart() {
  const info = useLab((s) => s.info);
  const losses = useLab((s) => s.losses);
  const smoothing = useLab((s) => s.smoothing);
  const logScale = useLab((s) => s.logScale);
  if (!info) return <p className="placeholder">Press Start to train; per-task loss curves appear here as they grow.</p>;
  return <LossChart series={losses} taskNames={info.taskNames} smoothing={smoothing} logScale={logScale} />;
}

export function ExperimentCell() {
  const name = useLab((s) => s.specInput.name ?? 'Experiment');
  const status = useLab((s) => s.status);
  const error = useLab((s) => s.error);

  return (
    <section className="cell experiment-cell" aria-labelledby="experiment-title">
      <header className="cell-header">
        <h2 id="experiment-title">{name}</h2>
        <p className="muted">
          Synthetic regression tasks in planted clusters; a shared-bottom MLP with one head per task, trained jointly in a Web Worker.
        </p>
      </header>
      <SpecForm disabled={BUSY.has(status)} />
      <RunControls />
      {error && (
        <div className="error-banner" role="alert" data-testid="run-error">
          {error}
        </div>
      )}
      <ChartSettings />
      <LiveLossChart />
      <ResultsTable />
    </section>
  );
}
