// A sweep cell: N seeds of an experiment, or a grid over one or two of its settings, started as one
// action. Shows each run and mean ± std per setting as a table and a chart; both export as CSV.
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { runSweep, stopSweep } from '../../bridge/sweep.ts';
import type { CellOf } from '../../notebook/index.ts';
import { useLab } from '../../store/index.ts';
import { LIVE_STATUSES, type RunStatus } from '../../store/runsSlice.ts';
import { expandSweep, runMetric, settingLabel, summariseSweep, sweepCsv } from '../../shared/sweep.ts';
import { exportCsv } from '../charts/exportChart.ts';
import { SweepChart } from '../charts/SweepChart.tsx';
import { SweepSettings } from './SweepSettings.tsx';

const format = (v: number) => (Number.isFinite(v) ? v.toPrecision(3) : '–');

export function SweepCellView({ cell }: { cell: CellOf<'sweep'> }) {
  const [error, setError] = useState<string>();
  const experiment = useLab((s) =>
    s.notebook.cells.find((c): c is CellOf<'experiment'> => c.id === cell.experimentId && c.kind === 'experiment'),
  );
  const statuses = useLab(
    useShallow((s) => cell.runs.map((r): RunStatus | 'missing' => s.runs[r.runId]?.status ?? 'missing')),
  );
  const results = useLab(useShallow((s) => cell.runs.map((r) => s.runs[r.runId]?.result)));
  const live = statuses.filter((status) => status !== 'missing' && LIVE_STATUSES.has(status)).length;
  const finished = cell.runs.flatMap((r, i) =>
    statuses[i] === 'done' && results[i]
      ? [{ values: r.values, seed: r.seed, value: runMetric(results[i]!.tasks, cell.metric) }]
      : [],
  );
  const rows = summariseSweep(cell.axes, finished);
  const labels = rows.map((r) => settingLabel(cell.axes, r.values));
  const planned = experiment ? expandSweep(experiment.spec, cell) : undefined;
  const total = planned?.ok ? planned.runs.length : 0;
  const metricName = cell.metric === 'validationScore' ? 'mean validation score' : 'mean validation loss';
  const csv = () => sweepCsv(cell.axes, cell.metric, rows);
  const failed = statuses.filter((s) => s === 'failed' || s === 'stopped' || s === 'interrupted').length;

  return (
    <div className="sweep-cell">
      <SweepSettings cell={cell} spec={experiment?.spec} disabled={live > 0} />
      <div className="run-controls">
        <button
          type="button"
          className="primary"
          disabled={live > 0 || !planned?.ok}
          onClick={() => setError(runSweep(cell.id))}
        >
          Run sweep ({total} runs)
        </button>
        <button type="button" disabled={live === 0} onClick={() => stopSweep(cell.id)}>
          Stop sweep
        </button>
        {cell.runs.length > 0 && (
          <span className="muted" role="status" data-testid="sweep-progress">
            {finished.length} of {cell.runs.length} runs finished{live ? ` · ${live} running or queued` : ''}
            {failed ? ` · ${failed} failed or stopped` : ''}
          </span>
        )}
      </div>
      {planned && !planned.ok && (
        <p className="error-text" role="alert">
          {planned.error}
        </p>
      )}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {cell.runs.length > 0 && (
        <>
          <table className="results sweep-table" data-testid="sweep-table">
            <thead>
              <tr>
                {cell.axes.map((a) => (
                  <th key={a.path} scope="col">
                    {a.path.split('.')[1]}
                  </th>
                ))}
                <th scope="col">runs</th>
                <th scope="col">{metricName} (mean ± std)</th>
                <th scope="col">each seed</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                <tr key={labels[i]} data-setting={labels[i]}>
                  {row.values.map((v, j) => (
                    <td key={j}>{String(v)}</td>
                  ))}
                  <td data-col="n">{row.runs.length}</td>
                  <td data-col="mean" data-value={row.mean}>
                    {format(row.mean)} ± {format(row.std)}
                  </td>
                  <td data-col="runs">
                    {row.runs.map((r) => (
                      <span
                        key={r.seed}
                        className="sweep-run"
                        data-seed={r.seed}
                        data-value={r.value}
                        title={`seed ${r.seed}`}
                      >
                        {format(r.value)}{' '}
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" className="link" onClick={() => exportCsv(csv(), `sweep-${cell.id}`)}>
            Export table (CSV)
          </button>
          {finished.length > 0 && (
            <SweepChart rows={rows} labels={labels} metricName={metricName} csv={csv} name={`sweep-${cell.id}`} />
          )}
        </>
      )}
    </div>
  );
}
