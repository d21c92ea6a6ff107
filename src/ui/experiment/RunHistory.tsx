// The runs a cell has made, newest first: pick one to view its curves and results, or delete it.
import type { RunRecord } from '../../store/runsSlice.ts';
import { useLab } from '../../store/index.ts';
import { runFileName, runMetricsCsv, runMetricsJson } from '../../store/runExport.ts';
import { LIVE_STATUSES, runBackendLabel } from '../../store/runsSlice.ts';

function saveText(text: string, fileName: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  Object.assign(document.createElement('a'), { href: url, download: fileName }).click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const meanOf = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

interface RunHistoryProps {
  runs: RunRecord[];
  selectedId?: string;
  onSelect(id: string): void;
}

export function RunHistory({ runs, selectedId, onSelect }: RunHistoryProps) {
  const runDeleted = useLab((s) => s.runDeleted);
  // One finished run is enough: its metrics can be exported from here.
  if (runs.length === 0 || (runs.length === 1 && LIVE_STATUSES.has(runs[0].status))) return null;
  return (
    <details className="run-history" open>
      <summary>Run history ({runs.length})</summary>
      <table className="results" data-testid="run-history">
        <thead>
          <tr>
            <th scope="col">run</th>
            <th scope="col">started</th>
            <th scope="col">status</th>
            <th scope="col">backend</th>
            <th scope="col">steps</th>
            <th scope="col">mean validation loss</th>
            <th scope="col">
              <span className="visually-hidden">actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id} className={run.id === selectedId ? 'selected' : undefined} data-status={run.status}>
              <th scope="row">
                <button
                  type="button"
                  className="link"
                  onClick={() => onSelect(run.id)}
                  aria-pressed={run.id === selectedId}
                >
                  {run.name} (seed {run.spec.seed}){run.fromAuthor ? ' · author’s' : ''}
                </button>
              </th>
              <td>{new Date(run.createdAt).toLocaleString()}</td>
              <td>{run.status}</td>
              <td>{runBackendLabel(run)}</td>
              <td>{run.losses.numSteps}</td>
              <td>{run.result ? meanOf(run.result.tasks.map((t) => t.validationLoss)).toPrecision(3) : '–'}</td>
              <td>
                <button
                  type="button"
                  className="link"
                  aria-label="Export metrics as JSON"
                  onClick={() => saveText(runMetricsJson(run), runFileName(run, 'json'), 'application/json')}
                >
                  JSON
                </button>{' '}
                <button
                  type="button"
                  className="link"
                  aria-label="Export metrics as CSV"
                  onClick={() => saveText(runMetricsCsv(run), runFileName(run, 'csv'), 'text/csv')}
                >
                  CSV
                </button>{' '}
                <button
                  type="button"
                  className="link"
                  onClick={() => runDeleted(run.id)}
                  disabled={run.status === 'running' || run.status === 'paused'}
                >
                  delete
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
