// The "tree" view of an experiment: search a branching tree for its spec (depth, arity) in a
// worker, watch it grow, inspect blocks and tasks, then compare set-ups in one click. The finished
// tree is kept in the view cell, so it persists with the notebook.
import { useMemo, useState } from 'react';
import type { CellOf } from '../../notebook/index.ts';
import { cancelTreeSearch, startTreeSearch } from '../../bridge/groupingJobs.ts';
import type { ExperimentSpec } from '../../protocol/index.ts';
import { useLab } from '../../store/index.ts';
import { jobKeys } from '../../store/jobKeys.ts';
import { selectJob } from '../../store/jobsSlice.ts';
import { taskLosses, type LossSeries } from '../../store/lossSeries.ts';
import type { RunRecord } from '../../store/runsSlice.ts';
import { LossChart } from '../charts/LossChart.tsx';
import { JobBackend } from '../JobBackend.tsx';
import { JobProgress } from '../JobProgress.tsx';
import { ComparePanel } from './ComparePanel.tsx';
import { TreeChart } from './TreeChart.tsx';

interface TreeViewProps {
  cell: CellOf<'view'>;
  run?: RunRecord;
}

function TaskCurve({ run, task }: { run?: RunRecord; task: number }) {
  const smoothing = useLab((s) => s.smoothing);
  const logScale = useLab((s) => s.logScale);
  const series = useMemo<LossSeries | null>(
    () => (run?.info ? { numTasks: 1, numSteps: run.losses.numSteps, values: taskLosses(run.losses, task) } : null),
    [run?.info, run?.losses, task],
  );
  const name = run?.info?.taskNames[task];
  if (!series || !name) return <p className="placeholder">Run the experiment to see this task's loss curve here.</p>;
  const result = run?.result?.tasks[task];
  return (
    <div className="task-curve" data-testid="task-curve" data-task={name}>
      <h4>
        Task {name}
        {result && (
          <span className="muted">
            {' '}
            — validation loss {result.validationLoss.toFixed(4)}, {run?.info?.scoreName}{' '}
            {result.validationScore.toFixed(3)}
          </span>
        )}
      </h4>
      <LossChart series={series} taskNames={[name]} smoothing={smoothing} logScale={logScale} />
    </div>
  );
}

export function TreeView({ cell, run }: TreeViewProps) {
  const boundSpec = useLab((s) => {
    if (cell.source.type !== 'cell') return undefined;
    const bound = s.notebook.cells.find((c) => c.id === (cell.source as { cellId: string }).cellId);
    return bound?.kind === 'experiment' ? bound.spec : undefined;
  });
  const spec: ExperimentSpec | undefined = boundSpec ?? run?.spec;
  const search = useLab(selectJob(jobKeys.treeSearch(cell.id)));
  const [depth, setDepth] = useState(cell.tree?.depth ?? 3);
  const [arity, setArity] = useState(cell.tree?.arity ?? 2);
  const [selectedTask, setSelectedTask] = useState<number | null>(null);
  const running = search?.status === 'running';
  const saved = running ? undefined : cell.tree;
  const drawn = saved
    ? { taskNames: saved.taskNames, depth: saved.depth, arity: saved.arity, nodes: saved.nodes }
    : search && search.live.taskNames.length > 0
      ? search.live
      : undefined;

  if (!spec) return <p className="placeholder">This view needs an experiment: bind it to an experiment cell.</p>;
  return (
    <div
      className="tree-view"
      data-testid="tree-view"
      data-status={running ? 'running' : saved ? 'done' : (search?.status ?? 'idle')}
    >
      <div className="tree-controls">
        <label>
          Depth{' '}
          <input
            type="number"
            min={1}
            max={8}
            value={depth}
            disabled={running}
            onChange={(e) => setDepth(Number(e.target.value))}
          />
        </label>
        <label>
          Arity{' '}
          <input
            type="number"
            min={1}
            max={16}
            value={arity}
            disabled={running}
            onChange={(e) => setArity(Number(e.target.value))}
          />
        </label>
        {running ? (
          <JobProgress
            noBar
            text={`${search.live.measuring ? `Measuring affinity of ${search.live.measuring.tasks.length} tasks at layer ${search.live.measuring.layer}…` : 'Training the probe network…'} ${search.live.nodes.length} split${search.live.nodes.length === 1 ? '' : 's'} found.`}
            onCancel={() => cancelTreeSearch(cell.id)}
            cancelLabel="Cancel search"
          />
        ) : (
          <button
            type="button"
            disabled={!(depth >= 1 && depth <= 8 && arity >= 1 && arity <= 16)}
            onClick={() => void startTreeSearch(cell.id, spec, depth, arity)}
          >
            {saved ? 'Search again' : 'Search tree'}
          </button>
        )}
        {saved && (
          <span className="muted">
            {saved.affinityCalls} affinity measurements, {saved.seconds.toFixed(1)} s.
          </span>
        )}
      </div>
      {search?.status === 'failed' && (
        <p className="error-banner" role="alert">
          {search.error}
        </p>
      )}
      <JobBackend backend={search?.backend} />
      {search?.status === 'cancelled' && (
        <p className="muted" role="status">
          Search cancelled{saved ? '; showing the previous tree' : ''}.
        </p>
      )}
      {drawn ? (
        <TreeChart {...drawn} selectedTask={selectedTask} onSelectTask={setSelectedTask} />
      ) : (
        !running && (
          <p className="placeholder">
            No tree yet: choose a depth and an arity and press “Search tree”. Each layer trains a small probe network on
            this experiment’s data and splits tasks by gradient affinity.
          </p>
        )
      )}
      {running && !drawn && <p className="placeholder">Preparing the data…</p>}
      {selectedTask !== null && <TaskCurve run={run} task={selectedTask} />}
      {saved && <ComparePanel cellId={cell.id} spec={spec} tree={saved} saved={cell.comparison} />}
    </div>
  );
}
