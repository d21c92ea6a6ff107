// The expert-health part of a compare cell (e.g. after "Compare with HoME"): per run, the anomalies its
// latest health snapshot flags, counted by kind and listed in words.
import { HEALTH_ANOMALIES } from '../../protocol/index.ts';
import type { RunRecord } from '../../store/runsSlice.ts';
import { healthSnapshots } from './healthSeries.ts';

export function HealthComparePanel({ runs }: { runs: RunRecord[] }) {
  const rows = runs.flatMap((run) => {
    const latest = healthSnapshots(run.snapshots).at(-1);
    return latest ? [{ run, latest }] : [];
  });
  if (rows.length === 0) return null;
  return (
    <section className="health-compare" aria-label="Expert health per run">
      <h4>Expert health per run</h4>
      <table className="results" data-testid="health-compare">
        <thead>
          <tr>
            <th scope="col">run</th>
            <th scope="col">model</th>
            <th scope="col">step</th>
            {HEALTH_ANOMALIES.map((a) => (
              <th key={a} scope="col">
                {a}
              </th>
            ))}
            <th scope="col">flags</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ run, latest }) => (
            <tr key={run.id} data-model={run.spec.model.kind}>
              <th scope="row">{run.name}</th>
              <td>{run.spec.model.kind}</td>
              <td>{latest.step}</td>
              {HEALTH_ANOMALIES.map((a) => (
                <td key={a} data-anomaly={a}>
                  {latest.flags.filter((f) => f.anomaly === a).length}
                </td>
              ))}
              <td>{latest.flags.map((f) => f.message).join(' ') || 'none'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
