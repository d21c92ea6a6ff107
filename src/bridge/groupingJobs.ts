// Starts and cancels a tree view's grouping jobs (branching search, set-up comparison) and feeds
// their progress into the grouping slice; a finished result is also written into the view cell.
import type { BranchTree } from '../protocol/branchTree.ts';
import type { ExperimentSpec } from '../protocol/index.ts';
import { withRememberedBackend } from '../store/backendPreference.ts';
import { useLab } from '../store/index.ts';
import { runJob } from './jobBridge.ts';

const controllers = new Map<string, AbortController>();
const key = (job: 'tree' | 'compare', cellId: string) => `${job}:${cellId}`;

function claim(job: 'tree' | 'compare', cellId: string): AbortSignal {
  controllers.get(key(job, cellId))?.abort();
  const controller = new AbortController();
  controllers.set(key(job, cellId), controller);
  return controller.signal;
}

const failure = (error: unknown) =>
  error instanceof DOMException && error.name === 'AbortError'
    ? { status: 'cancelled' as const }
    : { status: 'failed' as const, error: error instanceof Error ? error.message : String(error) };

export async function startTreeSearch(cellId: string, spec: ExperimentSpec, depth: number, arity: number): Promise<void> {
  const signal = claim('tree', cellId);
  const { treeSearchChanged, patchCell, comparisonForgotten } = useLab.getState();
  treeSearchChanged(cellId, () => ({ status: 'running', depth, arity, taskNames: [], nodes: [] }));
  try {
    const tree = await runJob('branch', { spec: withRememberedBackend(spec, useLab.getState().backendPreference), depth, arity }, {
      signal,
      onProgress: (update) =>
        treeSearchChanged(cellId, (old) => {
          const state = old ?? { status: 'running', depth, arity, taskNames: [], nodes: [] };
          if (update.type === 'started') return { ...state, taskNames: update.taskNames };
          if (update.type === 'measuring') return { ...state, measuring: { layer: update.layer, tasks: update.tasks } };
          return { ...state, measuring: undefined, nodes: [...state.nodes, update.node] };
        }),
    });
    treeSearchChanged(cellId, (old) => ({ ...old!, status: 'done', measuring: undefined, nodes: tree.nodes, taskNames: tree.taskNames }));
    // The old tree stays until a new one replaces it (a cancelled search keeps it); its comparison goes.
    cancelComparison(cellId);
    comparisonForgotten(cellId);
    patchCell(cellId, { tree, comparison: undefined });
  } catch (error) {
    treeSearchChanged(cellId, (old) => ({ ...old!, measuring: undefined, ...failure(error) }));
  } finally {
    controllers.delete(key('tree', cellId));
  }
}

export async function startComparison(cellId: string, spec: ExperimentSpec, tree: BranchTree): Promise<void> {
  const signal = claim('compare', cellId);
  const { comparisonChanged, patchCell } = useLab.getState();
  comparisonChanged(cellId, () => ({ status: 'running', message: 'Starting…', setups: [] }));
  try {
    const result = await runJob('compare-setups', { spec: withRememberedBackend(spec, useLab.getState().backendPreference), tree }, {
      signal,
      onProgress: (update) =>
        comparisonChanged(cellId, (old) => {
          const state = old ?? { status: 'running', message: '', setups: [] };
          return update.type === 'stage' ? { ...state, message: update.message } : { ...state, setups: [...state.setups, update.result] };
        }),
    });
    comparisonChanged(cellId, () => ({ status: 'done', message: '', setups: result.setups, result }));
    patchCell(cellId, { comparison: result });
  } catch (error) {
    comparisonChanged(cellId, (old) => ({ ...old!, ...failure(error) }));
  } finally {
    controllers.delete(key('compare', cellId));
  }
}

export const cancelTreeSearch = (cellId: string) => controllers.get(key('tree', cellId))?.abort();
export const cancelComparison = (cellId: string) => controllers.get(key('compare', cellId))?.abort();
