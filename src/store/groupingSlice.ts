// Live state of the grouping jobs a tree view cell started, keyed by that cell's id: the branching
// search as it grows and the set-up comparison as each set-up finishes. Finished results are also
// written into the view cell itself (`tree`, `comparison`), so they persist with the notebook.
import type { StateCreator } from 'zustand';
import type { BranchTreeNode, SetupComparison, SetupResult } from '../protocol/branchTree.ts';

export type JobStatus = 'running' | 'done' | 'failed' | 'cancelled';

export interface TreeSearchState {
  status: JobStatus;
  depth: number;
  arity: number;
  taskNames: string[];
  /** Splits found so far, in search order. */
  nodes: BranchTreeNode[];
  /** The block whose affinity is being measured now. */
  measuring?: { layer: number; tasks: number[] };
  error?: string;
}

export interface ComparisonState {
  status: JobStatus;
  message: string;
  setups: SetupResult[];
  result?: SetupComparison;
  error?: string;
}

export interface GroupingSlice {
  treeSearches: Record<string, TreeSearchState>;
  comparisons: Record<string, ComparisonState>;
  treeSearchChanged(cellId: string, change: (old: TreeSearchState | undefined) => TreeSearchState): void;
  comparisonChanged(cellId: string, change: (old: ComparisonState | undefined) => ComparisonState): void;
  /** A new tree makes the old comparison meaningless. */
  comparisonForgotten(cellId: string): void;
}

export const createGroupingSlice: StateCreator<GroupingSlice> = (set) => ({
  treeSearches: {},
  comparisons: {},
  treeSearchChanged: (cellId, change) => set((state) => ({ treeSearches: { ...state.treeSearches, [cellId]: change(state.treeSearches[cellId]) } })),
  comparisonChanged: (cellId, change) => set((state) => ({ comparisons: { ...state.comparisons, [cellId]: change(state.comparisons[cellId]) } })),
  comparisonForgotten: (cellId) =>
    set((state) => {
      const { [cellId]: _old, ...rest } = state.comparisons;
      return { comparisons: rest };
    }),
});
