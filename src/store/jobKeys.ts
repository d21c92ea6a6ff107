// The keys of the jobs slice, one maker per job the page runs. A key carries its job kind and the type
// of what its progress builds (`live`), so the runtime and the views agree on both without casts.
import type {
  AffinityProgress,
  ExportProgress,
  JobKind,
  KnockoutJobProgress,
  ParseTableProgress,
  TraceJobProgress,
  UnlearnJobProgress,
} from '../protocol/jobs.ts';
import type { BranchTreeNode, SetupResult } from '../protocol/branchTree.ts';
import type { BackendTiming } from '../protocol/index.ts';
import type { OnDemandMethod } from '../shared/affinityCost.ts';

export type JobKey<K extends JobKind, Live> = string & { readonly __job?: { kind: K; live: Live } };

/** A branching search as it grows. */
export interface TreeSearchLive {
  depth: number;
  arity: number;
  taskNames: string[];
  /** Splits found so far, in search order. */
  nodes: BranchTreeNode[];
  /** The block whose affinity is being measured now. */
  measuring?: { layer: number; tasks: number[] };
}

/** A set-up comparison: its stage and the set-ups finished so far. */
export interface ComparisonLive {
  message: string;
  setups: SetupResult[];
}

/** An unlearning job: its last progress and the forget-set loss per step so far, by method. */
export interface UnlearnLive {
  progress?: UnlearnJobProgress;
  curves: { uoe: number[]; 'uoe-retain': number[]; full: number[] };
}

const key = <K extends JobKind, Live>(text: string) => text as JobKey<K, Live>;

export const jobKeys = {
  treeSearch: (cellId: string) => key<'branch', TreeSearchLive>(`tree:${cellId}`),
  comparison: (cellId: string) => key<'compare-setups', ComparisonLive>(`compare:${cellId}`),
  unlearn: (cellId: string) => key<'unlearn', UnlearnLive>(`unlearn:${cellId}`),
  knockout: (cellId: string) => key<'knockout', KnockoutJobProgress | undefined>(`knockout:${cellId}`),
  affinity: (runId: string, method: OnDemandMethod) =>
    key<'affinity', AffinityProgress | undefined>(`affinity:${runId}/${method}`),
  trace: (cellId: string) => key<'analyseTrace', TraceJobProgress>(`trace:${cellId}`),
  /** The automatic backend benchmark: the timings so far. */
  benchmark: key<'benchmark', BackendTiming[]>('benchmark'),
  /** The file being read for the column-role dialog (one dialog, so one key): its last progress. */
  tableImport: key<'parseTable', ParseTableProgress | undefined>('table-import'),
  /** An experiment cell's "Export to PyTorch": its last progress. */
  pytorchExport: (cellId: string) => key<'exportProject', ExportProgress | undefined>(`export:${cellId}`),
  /** A heatmap's task order (one per mounted view): the 'group' job sends no progress. */
  clusterOrder: (viewId: string) => key<'group', undefined>(`cluster-order:${viewId}`),
  /** A HoME cell's "Categories from SDP groups". */
  homeCategories: (cellId: string) => key<'group', undefined>(`home-categories:${cellId}`),
};
