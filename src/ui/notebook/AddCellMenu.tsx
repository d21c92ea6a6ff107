// Adds a new cell at the end: text, an experiment (the planted example), or a view of an experiment.
import { EXAMPLES } from '../../shared/examples.ts';
import { newCellId, type Cell, type CellOf } from '../../notebook/index.ts';
import { ExperimentSpec } from '../../protocol/index.ts';
import { useLab } from '../../store/index.ts';
import { BUILTIN_DATASETS, uniqueDatasetName } from '../../notebook/datasets.ts';
import { DataFileButton } from '../data/DataFileButton.tsx';

function newCell(
  kind:
    | 'markdown'
    | 'experiment'
    | 'curves'
    | 'metrics'
    | 'affinity'
    | 'trace'
    | 'tree'
    | 'routing'
    | 'health'
    | 'unlearning'
    | 'knockout'
    | 'moe-experiment',
  lastExperimentId?: string,
): Cell | undefined {
  const id = newCellId();
  switch (kind) {
    case 'markdown':
      return { id, kind: 'markdown', text: '## Notes\n\nWrite here; $math$ works too.' };
    case 'experiment':
      return { id, kind: 'experiment', spec: ExperimentSpec.parse(EXAMPLES.planted.spec(1)) };
    case 'moe-experiment':
      return { id, kind: 'experiment', spec: ExperimentSpec.parse(EXAMPLES['moe-lm'].spec(1)) };
    case 'trace':
      return { id, kind: 'trace', segments: [4, 16, 64] };
    default:
      return lastExperimentId
        ? { id, kind: 'view', chart: kind, source: { type: 'cell', cellId: lastExperimentId } }
        : undefined;
  }
}

export function AddCellMenu() {
  const addCellAt = useLab((s) => s.addCellAt);
  const lastExperimentId = useLab((s) => s.notebook.cells.findLast((c) => c.kind === 'experiment')?.id);
  // Unlearning and knockout act on routed experts of the MoE language model only.
  const lastIsMoeLm = useLab((s) => {
    const last = s.notebook.cells.findLast((c) => c.kind === 'experiment');
    return last?.kind === 'experiment' && last.spec.model.kind === 'moe-lm';
  });
  const add = (kind: Parameters<typeof newCell>[0]) => {
    const cell = newCell(kind, lastExperimentId);
    if (cell) addCellAt(cell);
  };
  return (
    <div className="add-cell" role="group" aria-label="Add a cell">
      <span className="muted">Add:</span>
      <button type="button" onClick={() => add('markdown')}>
        Text
      </button>
      <button type="button" onClick={() => add('experiment')}>
        Experiment
      </button>
      <button type="button" onClick={() => add('curves')} disabled={!lastExperimentId}>
        Loss curves view
      </button>
      <button type="button" onClick={() => add('metrics')} disabled={!lastExperimentId}>
        Results view
      </button>
      <button type="button" onClick={() => add('affinity')} disabled={!lastExperimentId}>
        Affinity view
      </button>
      <button type="button" onClick={() => add('tree')} disabled={!lastExperimentId}>
        Branching tree view
      </button>
      <button type="button" onClick={() => add('trace')}>
        Routing trace
      </button>
      <button type="button" onClick={() => add('moe-experiment')}>
        MoE experiment
      </button>
      <button type="button" onClick={() => add('routing')} disabled={!lastExperimentId}>
        Routing view
      </button>
      <button
        type="button"
        onClick={() => add('health')}
        disabled={!lastExperimentId}
        title="Expert collapse, degradation and underfitting of a multitask MoE run (MMoE, PLE, HoME, TaskExpert)"
      >
        Expert health view
      </button>
      <button
        type="button"
        onClick={() => add('unlearning')}
        disabled={!lastIsMoeLm}
        title="Unlearn one domain of the last MoE experiment's model (UOE vs all parameters)"
      >
        Unlearning view
      </button>
      <button
        type="button"
        onClick={() => add('knockout')}
        disabled={!lastIsMoeLm}
        title="Knock experts of the last MoE experiment's model out and see each domain's loss change"
      >
        Knockout view
      </button>
      <button type="button" onClick={() => addCellAt({ id: newCellId(), kind: 'compare', runIds: [], metric: 'loss' })}>
        Compare runs
      </button>
      <button
        type="button"
        onClick={() => lastExperimentId && addCellAt(newSweepCell(lastExperimentId))}
        disabled={!lastExperimentId}
        title="Several seeds of the last experiment, or a grid over one or two of its settings"
      >
        Sweep
      </button>
      {Object.entries(BUILTIN_DATASETS).map(([name, builtin]) => (
        <button
          key={name}
          type="button"
          title={builtin.description}
          onClick={() => addCellAt(builtinDatasetCell(name))}
        >
          {builtin.label} data
        </button>
      ))}
      <DataFileButton />
    </div>
  );
}

/** A dataset cell for a built-in table, with its suggested roles. */
function builtinDatasetCell(name: string): Cell {
  const cellName = uniqueDatasetName(useLab.getState().notebook, name);
  return {
    id: newCellId(),
    kind: 'dataset',
    name: cellName,
    source: { type: 'builtin', name },
    roles: BUILTIN_DATASETS[name].roles,
  };
}

/** A sweep of three seeds over an experiment; settings to vary are chosen in the cell. */
export const newSweepCell = (experimentId: string): CellOf<'sweep'> => ({
  id: newCellId(),
  kind: 'sweep',
  experimentId,
  seeds: 3,
  axes: [],
  metric: 'validationScore',
  runs: [],
});
