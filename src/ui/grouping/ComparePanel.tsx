// "Compare set-ups": trains single-task models, one all-shared model, one model per SDP group and the
// searched tree in a worker, then shows per-task results, parameters and training time side by side.
import { SETUP_LABELS, type BranchTree, type SetupComparison } from '../../protocol/branchTree.ts';
import { cancelComparison, startComparison } from '../../bridge/groupingJobs.ts';
import type { ExperimentSpec } from '../../protocol/index.ts';
import { useLab } from '../../store/index.ts';
import { jobKeys } from '../../store/jobKeys.ts';
import { selectJob } from '../../store/jobsSlice.ts';
import { JobBackend } from '../JobBackend.tsx';
import { JobProgress } from '../JobProgress.tsx';
import { mean } from '../../shared/stats.ts';
import { bestPerTask } from './comparisonModel.ts';
import { SetupBarChart, setupColor } from './SetupBarChart.tsx';
import { formatCount } from '../format.ts';

interface ComparePanelProps {
  cellId: string;
  spec: ExperimentSpec;
  tree: BranchTree;
  saved?: SetupComparison;
}

const fmt = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : '—');

export function ComparePanel({ cellId, spec, tree, saved }: ComparePanelProps) {
  const live = useLab(selectJob(jobKeys.comparison(cellId)));
  const running = live?.status === 'running';
  const setups = running ? live.live.setups : (saved?.setups ?? live?.live.setups ?? []);
  const scoreName = saved?.scoreName ?? 'R²';
  const best = bestPerTask(setups, tree.taskNames.length);

  return (
    <section
      className="compare-setups"
      aria-label="Set-up comparison"
      data-testid="compare-setups"
      data-status={live?.status ?? (saved ? 'done' : 'idle')}
    >
      <div className="tree-controls">
        {running ? (
          <JobProgress noBar text={live.live.message} onCancel={() => cancelComparison(cellId)} />
        ) : (
          <>
            <button type="button" onClick={() => void startComparison(cellId, spec, tree)}>
              {saved ? 'Compare again' : 'Compare set-ups'}
            </button>
            <span className="muted">
              Trains single-task models, one all-shared model, one model per SDP group and this tree (
              {spec.training.steps} steps each, same width and depth).
            </span>
          </>
        )}
      </div>
      {live?.status === 'failed' && (
        <p className="error-banner" role="alert">
          {live.error}
        </p>
      )}
      {live?.status === 'cancelled' && <p className="muted">Comparison cancelled.</p>}
      <JobBackend backend={live?.backend} />
      {setups.length > 0 && (
        <>
          <table className="results-table compare-table" data-testid="compare-table">
            <caption>Validation {scoreName} per task (best in bold), total parameters and training time</caption>
            <thead>
              <tr>
                <th scope="col">Set-up</th>
                {tree.taskNames.map((name) => (
                  <th key={name} scope="col">
                    {name}
                  </th>
                ))}
                <th scope="col">mean</th>
                <th scope="col">params</th>
                <th scope="col">time (s)</th>
              </tr>
            </thead>
            <tbody>
              {setups.map((s, i) => (
                <tr key={s.id} data-setup={s.id}>
                  <th scope="row">
                    <span className="swatch" style={{ background: setupColor(s.id) }} /> {SETUP_LABELS[s.id]}
                    {s.id === 'groups' && ` (${s.layers[0].length})`}
                  </th>
                  {s.validationScore.map((v, t) => (
                    <td key={t} className={best[t] === i ? 'best' : undefined}>
                      {fmt(v)}
                    </td>
                  ))}
                  <td>{fmt(mean(s.validationScore))}</td>
                  <td>{formatCount(s.params)}</td>
                  <td>{s.seconds.toFixed(1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {saved?.groupsExplanation && (
            <details className="muted">
              <summary>Why these SDP groups</summary>
              <pre>{saved.groupsExplanation}</pre>
            </details>
          )}
          <SetupBarChart taskNames={tree.taskNames} scoreName={scoreName} setups={setups} />
        </>
      )}
    </section>
  );
}
