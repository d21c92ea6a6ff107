// One experiment: its settings, run controls, live loss curves, per-task results and run history.
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { LIVE_STATUSES, runsOfCell, type RunRecord } from '../../store/runsSlice.ts';
import { useLab } from '../../store/index.ts';
import { LossChart } from '../charts/LossChart.tsx';
import { ResultsTable } from './ResultsTable.tsx';
import { RunControls } from './RunControls.tsx';
import { RunHistory } from './RunHistory.tsx';
import { SpecForm } from './SpecForm.tsx';

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

function RunView({ run }: { run: RunRecord }) {
  const smoothing = useLab((s) => s.smoothing);
  const logScale = useLab((s) => s.logScale);
  return (
    <>
      {run.error && (
        <div className="error-banner" role="alert" data-testid="run-error">
          {run.error}
        </div>
      )}
      {run.status === 'interrupted' && (
        <p className="notice" role="status">
          This run was interrupted when the page closed; the {run.losses.numSteps} steps it had saved are shown.
        </p>
      )}
      <ChartSettings />
      {run.info ? (
        <LossChart series={run.losses} taskNames={run.info.taskNames} smoothing={smoothing} logScale={logScale} />
      ) : (
        <p className="placeholder">Starting the worker…</p>
      )}
      <ResultsTable run={run} />
    </>
  );
}

export function ExperimentCell({ cellId }: { cellId: string }) {
  const name = useLab((s) => s.specInput.name ?? 'Experiment');
  const runs = useLab(useShallow((s) => runsOfCell(s.runs, cellId)));
  const [selectedId, setSelectedId] = useState<string>();
  const run = runs.find((r) => r.id === selectedId) ?? runs[0];
  const busy = runs.some((r) => LIVE_STATUSES.has(r.status));

  return (
    <section className="cell experiment-cell" aria-labelledby={`${cellId}-title`}>
      <header className="cell-header">
        <h2 id={`${cellId}-title`}>{name}</h2>
        <p className="muted">
          Synthetic regression tasks in planted clusters; a shared-bottom MLP with one head per task, trained jointly in a Web Worker.
        </p>
      </header>
      <SpecForm disabled={busy} />
      <RunControls cellId={cellId} run={run} onStart={() => setSelectedId(undefined)} />
      {run ? <RunView run={run} /> : <p className="placeholder">Press Start to train; per-task loss curves appear here as they grow.</p>}
      <RunHistory runs={runs} selectedId={run?.id} onSelect={setSelectedId} />
    </section>
  );
}
