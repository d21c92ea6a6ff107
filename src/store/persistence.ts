// Wires the store to IndexedDB: restores the run history once, then saves every run change.
import { useLab } from './index.ts';
import { createRunHistory, persistRunChanges } from './runHistory.ts';

export async function startPersistence(): Promise<void> {
  const { setNotice } = useLab.getState();
  const history = createRunHistory();
  try {
    useLab.getState().runsRestored(await history.load());
  } catch (error) {
    setNotice(`The saved run history could not be read (${(error as Error).message}); new runs will still be shown.`);
  }
  const saveChanges = persistRunChanges(history, setNotice);
  useLab.subscribe((state, previous) => {
    if (state.runs !== previous.runs) saveChanges(state.runs, previous.runs);
  });
}
