// AutoBRANE branching search (ALGORITHMS Part 1 §5.2), top-down: depth 0 is one block shared by
// all tasks; for each deeper layer, the tasks of every group of the layer above get an affinity
// matrix for that layer and are split into at most `arity` children by the SDP grouping, with the
// number of children chosen by the regularised density (chooseK). Each layer's groups partition
// the tasks, so at most n affinity matrices per layer: O(n·L) in all, never the k^(nL) trees.
import { chooseGroupCount } from './chooseK.ts';
import type { GroupingMethod } from './group.ts';
import { offDiagonalStd, symmetrise } from './matrix.ts';
import { GroupingError, parseAffinityMatrix } from './validate.ts';

/** Affinity among `tasks` (global indices) for sharing the block at depth `layer`; row/column a is
 * tasks[a]. `tree` holds the layers decided so far (0..layer-1), for providers that train on it. */
export type AffinityProvider = (tasks: number[], layer: number, tree: number[][][]) => Promise<number[][]>;

export interface BranchOptions {
  /** Number of layers L (≥ 1). */
  depth: number;
  /** Most children per node (≥ 1); arity 1 keeps everything shared. */
  arity: number;
  /** Split the root too, so the very first block may already be per-group (default: shared). */
  splitRoot?: boolean;
  /** λ per extra child, in units of the root affinity spread (see chooseK). */
  groupCost?: number;
  method?: GroupingMethod;
  seed?: number;
  /** Called after each node is split: what a live view draws. */
  onNode?(node: BranchNode): void;
  signal?: AbortSignal;
}

export interface BranchNode {
  /** Depth whose blocks the children get. */
  layer: number;
  tasks: number[];
  affinity: number[][];
  children: number[][];
  explanation: string;
}

export interface BranchResult {
  /** layers[ℓ] = the task groups sharing a block at depth ℓ; each layer refines the one above. */
  layers: number[][][];
  nodes: BranchNode[];
  affinityCalls: number;
}

export async function searchBranching(
  numTasks: number,
  provider: AffinityProvider,
  options: BranchOptions,
): Promise<BranchResult> {
  const { depth, arity, splitRoot = false, groupCost, method = 'sdp', seed = 1 } = options;
  if (!Number.isInteger(numTasks) || numTasks < 1) throw new GroupingError(`need at least one task, got ${numTasks}`);
  if (!Number.isInteger(depth) || depth < 1) throw new GroupingError(`depth must be a positive integer, got ${depth}`);
  if (!Number.isInteger(arity) || arity < 1) throw new GroupingError(`arity must be a positive integer, got ${arity}`);

  const all = Array.from({ length: numTasks }, (_, i) => i);
  const layers: number[][][] = [];
  const nodes: BranchNode[] = [];
  let parentGroups = [all];
  // σ of the first (root) matrix: one yardstick for the whole tree, so a node of near-identical
  // tasks is not judged against its own tiny spread.
  let scale = 0;
  let affinityCalls = 0;

  for (let layer = 0; layer < depth; layer++) {
    if (layer === 0 && !splitRoot) {
      layers.push([all]);
      continue;
    }
    const groups: number[][] = [];
    for (const tasks of parentGroups) {
      if (options.signal?.aborted) throw new GroupingError('branching search stopped');
      if (tasks.length < 2 || arity < 2) {
        groups.push(tasks);
        continue;
      }
      affinityCalls++;
      const affinity = await provider(
        tasks,
        layer,
        layers.map((l) => l.map((g) => g.slice())),
      );
      const matrix = parseAffinityMatrix(affinity, `affinity for tasks [${tasks.join(',')}] at layer ${layer}`);
      if (matrix.n !== tasks.length) {
        throw new GroupingError(`affinity for layer ${layer} has ${matrix.n} rows for ${tasks.length} tasks`);
      }
      if (!scale) scale = offDiagonalStd(symmetrise(matrix)) || 1;
      const choice = chooseGroupCount(matrix, {
        kMax: Math.min(arity, tasks.length),
        method,
        seed: seed + affinityCalls,
        groupCost,
        scale,
      });
      const children = choice.result.groups.map((g) => g.map((i) => tasks[i]));
      groups.push(...children);
      const node = { layer, tasks, affinity, children, explanation: choice.explanation };
      nodes.push(node);
      options.onNode?.(node);
    }
    layers.push(groups);
    parentGroups = groups;
  }
  return { layers, nodes, affinityCalls };
}
