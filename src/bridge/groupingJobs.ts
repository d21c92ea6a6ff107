// A tree view's grouping jobs (branching search, set-up comparison) on the job runtime: how their
// progress grows the live tree and the finished set-ups; a finished result is also written into the view cell.
import type { BranchTree } from '../protocol/branchTree.ts';
import type { ExperimentSpec } from '../protocol/index.ts';
import type { JobProgress } from '../protocol/jobs.ts';
import { withRememberedBackend } from '../store/backendPreference.ts';
import { useLab } from '../store/index.ts';
import { jobKeys, type ComparisonLive, type TreeSearchLive } from '../store/jobKeys.ts';
import { cancelJob, startJob } from './jobRuntime.ts';

function growTree(tree: TreeSearchLive, update: JobProgress['branch']): TreeSearchLive {
  if (update.type === 'started') return { ...tree, taskNames: update.taskNames };
  if (update.type === 'measuring') return { ...tree, measuring: { layer: update.layer, tasks: update.tasks } };
  return { ...tree, measuring: undefined, nodes: [...tree.nodes, update.node] };
}

export async function startTreeSearch(
  cellId: string,
  spec: ExperimentSpec,
  depth: number,
  arity: number,
): Promise<void> {
  const input = { spec: withRememberedBackend(spec, useLab.getState().backendPreference), depth, arity };
  const tree = await startJob(jobKeys.treeSearch(cellId), 'branch', {
    input,
    live: { depth, arity, taskNames: [], nodes: [] },
    fold: growTree,
  });
  if (!tree) return; // The old tree stays until a new one replaces it (a cancelled search keeps it).
  // Its comparison goes with it.
  cancelComparison(cellId);
  useLab.getState().jobSet(jobKeys.comparison(cellId), undefined);
  useLab.getState().patchCell(cellId, { tree, comparison: undefined });
}

const addSetup = (state: ComparisonLive, update: JobProgress['compare-setups']): ComparisonLive =>
  update.type === 'stage'
    ? { ...state, message: update.message }
    : { ...state, setups: [...state.setups, update.result] };

export async function startComparison(cellId: string, spec: ExperimentSpec, tree: BranchTree): Promise<void> {
  const input = { spec: withRememberedBackend(spec, useLab.getState().backendPreference), tree };
  const result = await startJob(jobKeys.comparison(cellId), 'compare-setups', {
    input,
    live: { message: 'Starting…', setups: [] },
    fold: addSetup,
  });
  if (result) useLab.getState().patchCell(cellId, { comparison: result });
}

export const cancelTreeSearch = (cellId: string) => cancelJob(jobKeys.treeSearch(cellId));
export const cancelComparison = (cellId: string) => cancelJob(jobKeys.comparison(cellId));
