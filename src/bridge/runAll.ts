// "Run all": the notebook's experiment cells one after another (side by side they would only
// compete for the same cores), each starting when the previous run has ended.
import { useLab } from '../store/index.ts';
import { LIVE_STATUSES } from '../store/runsSlice.ts';
import { startRun } from './runBridge.ts';

function runEnded(runId: string): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      const run = useLab.getState().runs[runId];
      if (!run || !LIVE_STATUSES.has(run.status)) {
        unsubscribe();
        resolve();
      }
    };
    const unsubscribe = useLab.subscribe(check);
    check();
  });
}

/**
 * Runs these experiment cells in order (cells with an unsaved draft or that are gone are skipped);
 * `onStarted` hears each new run's id as it starts.
 */
export async function runCellsInOrder(cellIds: readonly string[], onStarted?: (cellId: string, runId: string) => void): Promise<void> {
  for (const id of cellIds) {
    const cell = useLab.getState().notebook.cells.find((c) => c.id === id);
    if (cell?.kind !== 'experiment' || useLab.getState().drafts[cell.id]) continue;
    useLab.getState().selectRun(cell.id, undefined);
    const runId = startRun(cell.id, cell.spec);
    onStarted?.(cell.id, runId);
    await runEnded(runId);
  }
}

export const runAllExperiments = () => runCellsInOrder(useLab.getState().notebook.cells.map((c) => c.id));
