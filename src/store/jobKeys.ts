// The keys of the jobs slice, one maker per job the page runs. A key carries its job kind and the type
// of what its progress builds (`live`), so the runtime and the views agree on both without casts.
import type {
  AffinityProgress,
  JobKind,
  KnockoutJobProgress,
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
};
