// A compare cell: pick runs of this notebook's experiments (grouped, ticked first); their per-task loss curves are overlaid, and
// runs of one spec that differ only by seed become mean ± std bands. Or compare final scores.
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { CellOf } from '../../../notebook/index.ts';
import { useLab } from '../../../store/index.ts';
import { LIVE_STATUSES, type RunRecord } from '../../../store/runsSlice.ts';
import { CompareChart } from '../../charts/CompareChart.tsx';
import { seedGroups, specKey, type ComparedRun } from '../../charts/seedBands.ts';
import { MoeComparePanel } from '../../compare/MoeComparePanel.tsx';
import { HealthComparePanel } from '../../health/HealthComparePanel.tsx';
import { pickerGroups } from '../../compare/pickerGroups.ts';

const drawable = (run: RunRecord) => Boolean(run.info) && run.losses.numSteps > 0;

function RunPicker({ cell, runs }: { cell: CellOf<'compare'>; runs: RunRecord[] }) {
  const patchCell = useLab((s) => s.patchCell);
  const cells = useLab((s) => s.notebook.cells);
  const chosen = new Set(cell.runIds);
  const groups = pickerGroups(runs, cells, chosen);
  const toggle = (id: string) =>
    patchCell(cell.id, { runIds: chosen.has(id) ? cell.runIds.filter((r) => r !== id) : [...cell.runIds, id] });
  const sameSpecAs = (run: RunRecord) => runs.filter((r) => specKey(r.spec) === specKey(run.spec)).map((r) => r.id);
  if (groups.length === 0)
    return (
      <p className="placeholder">
        No runs yet: run an experiment of this notebook (or one with several seeds), then pick its runs here.
      </p>
    );
  return (
    <fieldset className="run-picker">
      <legend>Runs to compare ({chosen.size} chosen)</legend>
      {groups.map((group) => (
        <div key={group.cellId} className="run-picker-group" role="group" aria-label={group.title}>
          <h4>{group.title}</h4>
          <ul>
            {group.runs.map((run) => (
              <li key={run.id} className={chosen.has(run.id) ? 'chosen' : undefined}>
                <label>
                  <input
                    type="checkbox"
                    checked={chosen.has(run.id)}
                    onChange={() => toggle(run.id)}
                    disabled={!drawable(run) && !chosen.has(run.id)}
                  />
                  {run.name} · seed {run.spec.seed} · {run.status} · {new Date(run.createdAt).toLocaleTimeString()}
                </label>{' '}
                <button
                  type="button"
                  className="link"
                  onClick={() => patchCell(cell.id, { runIds: [...new Set([...cell.runIds, ...sameSpecAs(run)])] })}
                >
                  + all seeds of this spec
                </button>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </fieldset>
  );
}

function ScoreTable({ runs }: { runs: RunRecord[] }) {
  const rows = runs.filter((r) => r.result);
  if (!rows.length)
    return <p className="placeholder">None of the chosen runs has finished, so there are no final scores yet.</p>;
  return (
    <table className="results" data-testid="compare-scores">
      <thead>
        <tr>
          <th scope="col">run</th>
          <th scope="col">seed</th>
          {rows[0].result!.tasks.map((t) => (
            <th key={t.name} scope="col">
              {t.name} ({rows[0].info?.scoreName ?? 'score'})
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((run) => (
          <tr key={run.id}>
            <th scope="row">{run.name}</th>
            <td>{run.spec.seed}</td>
            {run.result!.tasks.map((t) => (
              <td key={t.name}>{t.validationScore.toPrecision(3)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function CompareCellView({ cell }: { cell: CellOf<'compare'> }) {
  const runs = useLab(
    useShallow((s) =>
      Object.values(s.runs)
        .filter((r) => !LIVE_STATUSES.has(r.status))
        .sort((a, b) => a.createdAt - b.createdAt),
    ),
  );
  const smoothing = useLab((s) => s.smoothing);
  const logScale = useLab((s) => s.logScale);
  const patchCell = useLab((s) => s.patchCell);
  const chosen = useMemo(
    () => cell.runIds.map((id) => runs.find((r) => r.id === id)).filter((r): r is RunRecord => !!r && drawable(r)),
    [cell.runIds, runs],
  );
  const groups = useMemo(
    () =>
      seedGroups(
        chosen.map((r): ComparedRun => ({
          id: r.id,
          name: r.name,
          spec: r.spec,
          taskNames: r.info!.taskNames,
          losses: r.losses,
        })),
        smoothing,
      ),
    [chosen, smoothing],
  );
  const training = useLab((s) => cell.runIds.filter((id) => s.runs[id] && LIVE_STATUSES.has(s.runs[id].status)).length);
  const missing = cell.runIds.length - chosen.length - training;

  return (
    <div className="compare-cell">
      <RunPicker cell={cell} runs={runs} />
      <label>
        Show{' '}
        <select
          value={cell.metric}
          onChange={(e) => patchCell(cell.id, { metric: e.target.value as 'loss' | 'score' })}
        >
          <option value="loss">training loss curves</option>
          <option value="score">final validation scores</option>
        </select>
      </label>
      {training > 0 && (
        <p className="muted" role="status">
          {training} chosen run(s) still training; they appear here when they end.
        </p>
      )}
      {missing > 0 && <p className="muted">{missing} chosen run(s) are no longer in this browser's run history.</p>}
      {chosen.length === 0 ? (
        <p className="placeholder">Choose runs above to overlay their curves.</p>
      ) : cell.metric === 'loss' ? (
        <CompareChart groups={groups} logScale={logScale} />
      ) : (
        <ScoreTable runs={chosen} />
      )}
      <MoeComparePanel runs={chosen} />
      <HealthComparePanel runs={chosen} />
    </div>
  );
}
