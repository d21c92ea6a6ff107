// Per-task summary: planted group, first and latest training loss, and final validation results.
import type { RunRecord } from '../../store/runsSlice.ts';

const fmt = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '–' : v.toPrecision(3));

export function ResultsTable({ run }: { run: RunRecord }) {
  const { info, losses, result } = run;
  if (!info || losses.numSteps === 0) return null;
  const { numTasks, numSteps, values } = losses;
  return (
    <table className="results" data-testid="results-table">
      <caption>
        Per-task results
        {result ? ` after ${result.stepsRun} steps (${result.seconds.toFixed(1)} s)` : ` (${run.status})`}
      </caption>
      <thead>
        <tr>
          <th scope="col">task</th>
          {info.plantedGroups && <th scope="col">planted group</th>}
          <th scope="col">first loss</th>
          <th scope="col">latest loss</th>
          <th scope="col">validation loss</th>
          <th scope="col">validation {info.scoreName}</th>
        </tr>
      </thead>
      <tbody>
        {info.taskNames.map((name, t) => (
          <tr key={name} data-task={name}>
            <th scope="row">{name}</th>
            {info.plantedGroups && <td>{info.plantedGroups[t]}</td>}
            <td data-col="first">{fmt(values[t])}</td>
            <td data-col="last">{fmt(values[(numSteps - 1) * numTasks + t])}</td>
            <td>{fmt(result?.tasks[t]?.validationLoss)}</td>
            <td>{fmt(result?.tasks[t]?.validationScore)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
