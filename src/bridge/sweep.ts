// Starts a sweep cell's runs: every (setting combination, seed) of its experiment goes through the
// ordinary startRun, so the run queue and the run history treat them like any other run.
import { expandSweep } from '../shared/sweep.ts';
import { useLab } from '../store/index.ts';
import { LIVE_STATUSES } from '../store/runsSlice.ts';
import { startRun, stopRun } from './runBridge.ts';

/** Starts the sweep; returns an error message instead when it cannot start. */
export function runSweep(sweepId: string): string | undefined {
  const { notebook, drafts, patchCell } = useLab.getState();
  const sweep = notebook.cells.find((c) => c.id === sweepId);
  if (sweep?.kind !== 'sweep') return 'This sweep cell is gone.';
  const experiment = notebook.cells.find((c) => c.id === sweep.experimentId);
  if (experiment?.kind !== 'experiment') return 'Choose the experiment to sweep.';
  if (drafts[experiment.id]) return `“${experiment.spec.name}” has settings that do not validate; fix them first.`;
  const plan = expandSweep(experiment.spec, sweep);
  if (!plan.ok) return `One setting of the sweep is not valid: ${plan.error}`;
  const runs = plan.runs.map(({ spec, seed, values }) => ({ runId: startRun(experiment.id, spec), seed, values }));
  patchCell(sweepId, { runs });
  return undefined;
}

/** Stops every live run of the sweep. */
export function stopSweep(sweepId: string): void {
  const { notebook, runs } = useLab.getState();
  const sweep = notebook.cells.find((c) => c.id === sweepId);
  if (sweep?.kind !== 'sweep') return;
  for (const { runId } of sweep.runs) if (runs[runId] && LIVE_STATUSES.has(runs[runId].status)) stopRun(runId);
}
