// "Run all" starts every experiment cell at once; the run queue (runQueue.ts) keeps at most
// cores − 1 of them training. `runCellsInOrder` trains cells one after another.
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
export async function runCellsInOrder(
  cellIds: readonly string[],
  onStarted?: (cellId: string, runId: string) => void,
): Promise<void> {
  for (const id of cellIds) {
    const cell = useLab.getState().notebook.cells.find((c) => c.id === id);
    if (cell?.kind !== 'experiment' || useLab.getState().drafts[cell.id]) continue;
    useLab.getState().selectRun(cell.id, undefined);
    const runId = startRun(cell.id, cell.spec);
    onStarted?.(cell.id, runId);
    await runEnded(runId);
  }
}

export function runAllExperiments(): void {
  const { notebook, drafts, selectRun } = useLab.getState();
  for (const cell of notebook.cells) {
    if (cell.kind !== 'experiment' || drafts[cell.id]) continue;
    selectRun(cell.id, undefined);
    startRun(cell.id, cell.spec);
  }
}
