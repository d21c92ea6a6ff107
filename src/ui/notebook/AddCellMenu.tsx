// Adds a new cell at the end: text, an experiment (the planted example), or a view of an experiment.
import { EXAMPLES } from '../../examples.ts';
import { newCellId, type Cell } from '../../notebook/index.ts';
import { ExperimentSpec } from '../../protocol.ts';
import { useLab } from '../../store/index.ts';

function newCell(kind: 'markdown' | 'experiment' | 'curves' | 'metrics' | 'affinity', lastExperimentId?: string): Cell | undefined {
  const id = newCellId();
  switch (kind) {
    case 'markdown':
      return { id, kind: 'markdown', text: '## Notes\n\nWrite here; $math$ works too.' };
    case 'experiment':
      return { id, kind: 'experiment', spec: ExperimentSpec.parse(EXAMPLES.planted.spec(1)) };
    default:
      return lastExperimentId ? { id, kind: 'view', chart: kind, source: { type: 'cell', cellId: lastExperimentId } } : undefined;
  }
}

export function AddCellMenu() {
  const addCellAt = useLab((s) => s.addCellAt);
  const lastExperimentId = useLab((s) => s.notebook.cells.findLast((c) => c.kind === 'experiment')?.id);
  const add = (kind: Parameters<typeof newCell>[0]) => {
    const cell = newCell(kind, lastExperimentId);
    if (cell) addCellAt(cell);
  };
  return (
    <div className="add-cell" role="group" aria-label="Add a cell">
      <span className="muted">Add:</span>
      <button type="button" onClick={() => add('markdown')}>Text</button>
      <button type="button" onClick={() => add('experiment')}>Experiment</button>
      <button type="button" onClick={() => add('curves')} disabled={!lastExperimentId}>Loss curves view</button>
      <button type="button" onClick={() => add('metrics')} disabled={!lastExperimentId}>Results view</button>
      <button type="button" onClick={() => add('affinity')} disabled={!lastExperimentId}>Affinity view</button>
    </div>
  );
}
