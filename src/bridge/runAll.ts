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

export async function runAllExperiments(): Promise<void> {
  const cells = useLab.getState().notebook.cells;
  for (const cell of cells) {
    if (cell.kind !== 'experiment' || useLab.getState().drafts[cell.id]) continue;
    useLab.getState().selectRun(cell.id, undefined);
    await runEnded(startRun(cell.id, cell.spec));
  }
}
