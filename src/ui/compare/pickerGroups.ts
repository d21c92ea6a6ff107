// What a compare cell's run picker lists: the current notebook's finished runs grouped by the
// experiment cell that made them, groups with ticked runs first and ticked runs first within a
// group. Failed runs and runs of removed experiments are left out unless they are ticked.
import type { Cell } from '../../notebook/index.ts';
import type { RunRecord } from '../../store/runsSlice.ts';

export interface PickerGroup {
  cellId: string;
  title: string;
  runs: RunRecord[];
  /** The experiment cell is no longer in the notebook (only its ticked runs are listed). */
  removed: boolean;
}

export function pickerGroups(runs: RunRecord[], cells: Cell[], chosen: ReadonlySet<string>): PickerGroup[] {
  const experiments = cells.filter((c) => c.kind === 'experiment');
  const listed = runs.filter(
    (run) => chosen.has(run.id) || (run.status !== 'failed' && experiments.some((c) => c.id === run.cellId)),
  );
  const byCell = new Map<string, RunRecord[]>();
  for (const run of listed) byCell.set(run.cellId, [...(byCell.get(run.cellId) ?? []), run]);
  const order = (a: RunRecord, b: RunRecord) =>
    Number(chosen.has(b.id)) - Number(chosen.has(a.id)) || b.createdAt - a.createdAt;
  const groups = [...byCell].map(([cellId, group]): PickerGroup => {
    const cell = experiments.find((c) => c.id === cellId);
    const title =
      cell?.kind === 'experiment' ? (cell.title ?? cell.spec.name) : `${group[0].name} (experiment removed)`;
    return { cellId, title, runs: group.sort(order), removed: !cell };
  });
  const ticked = (g: PickerGroup) => g.runs.some((r) => chosen.has(r.id));
  const position = (g: PickerGroup) => (g.removed ? cells.length : cells.findIndex((c) => c.id === g.cellId));
  return groups.sort((a, b) => Number(ticked(b)) - Number(ticked(a)) || position(a) - position(b));
}
