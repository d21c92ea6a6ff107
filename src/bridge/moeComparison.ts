// The one-click MoE comparison: add the sibling experiment and the compare cell (one undoable edit),
// then train both runs one after the other, filling the compare cell's runs as they start. A finished
// run of the original cell with exactly its current spec is reused instead of trained again.
import type { MoeVariant } from '../notebook/index.ts';
import { useLab } from '../store/index.ts';
import { runsOfCell } from '../store/runsSlice.ts';
import { runCellsInOrder } from './runAll.ts';

const sameSpec = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export async function compareMoeVariant(cellId: string, variant: MoeVariant): Promise<void> {
  const { addMoeComparisonFor } = useLab.getState();
  const { originalId, siblingId, compareId } = addMoeComparisonFor(cellId, variant);
  const state = useLab.getState();
  const original = state.notebook.cells.find((c) => c.id === originalId);
  const reusable = runsOfCell(state.runs, originalId).find(
    (r) => r.status === 'done' && original?.kind === 'experiment' && sameSpec(r.spec, original.spec),
  );
  const addRun = (runId: string) => {
    const compare = useLab.getState().notebook.cells.find((c) => c.id === compareId);
    // The compare cell may have been undone meanwhile; the runs still go to the run history.
    if (compare?.kind === 'compare') useLab.getState().patchCell(compareId, { runIds: [...compare.runIds, runId] });
  };
  if (reusable) addRun(reusable.id);
  await runCellsInOrder(reusable ? [siblingId] : [originalId, siblingId], (_, runId) => addRun(runId));
}
