// A chart bound to an experiment cell (its viewed run) or to one recorded run.
import type { CellOf } from '../../../notebook/index.ts';
import { useLab } from '../../../store/index.ts';
import { viewedRun } from '../../../store/runsSlice.ts';
import { VIEWS } from '../views.tsx';
import { TreeView } from '../../grouping/TreeView.tsx';

export function ViewCellView({ cell }: { cell: CellOf<'view'> }) {
  const source = cell.source;
  const run = useLab((s) => (source.type === 'cell' ? viewedRun(s, source.cellId) : s.runs[source.runId]));
  const sourceName = useLab((s) => {
    if (source.type === 'run') return s.runs[source.runId]?.name ?? 'a run that is no longer in the history';
    const bound = s.notebook.cells.find((c) => c.id === source.cellId);
    return bound ? (bound.title ?? (bound.kind === 'experiment' ? bound.spec.name : bound.kind)) : 'a deleted cell';
  });
  // A tree search needs only the spec, not a finished run.
  if (!run && cell.chart === 'tree') return <TreeView cell={cell} />;
  if (!run && (cell.chart === 'unlearning' || cell.chart === 'knockout')) {
    return (
      <p className="placeholder">
        Run “{sourceName}”, then study its experts here ({cell.chart}).
      </p>
    );
  }
  if (!run)
    return (
      <p className="placeholder">
        Run “{sourceName}” to see its {cell.chart} here; it grows live while it trains.
      </p>
    );
  const View = VIEWS[cell.chart];
  return <View run={run} cell={cell} />;
}
