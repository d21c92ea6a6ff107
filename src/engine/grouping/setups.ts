// The four set-ups of the comparison, each written as a `branched` tree of the same depth and
// width so that only the sharing differs: single-task models (every task its own path from the
// input up), one all-shared trunk, one model per SDP group, and the searched tree. Blocks of
// different groups share no parameters, so one branched network with G disjoint paths trains
// exactly like G separate models under a summed loss (Adam and SGD act per parameter).
import type { SetupId } from '../../protocol/branchTree.ts';

export function setupLayers(
  id: SetupId,
  numTasks: number,
  depth: number,
  groups: number[][],
  tree: number[][][],
): number[][][] {
  const all = Array.from({ length: numTasks }, (_, t) => t);
  const repeat = (layer: number[][]) => Array.from({ length: depth }, () => layer.map((g) => g.slice()));
  switch (id) {
    case 'single':
      return repeat(all.map((t) => [t]));
    case 'shared':
      return repeat([all]);
    case 'groups':
      return repeat(groups);
    case 'tree':
      return tree.map((layer) => layer.map((g) => g.slice()));
  }
}

/** Width of each block for a spec's model: its own where the kind has one. */
export function blockWidthOf(model: { kind: string; width?: number; hidden?: number[] | number }): number {
  if (model.kind === 'branched' && model.width) return model.width;
  if (model.kind === 'shared-bottom' && Array.isArray(model.hidden) && model.hidden.length) return model.hidden[0];
  return 32;
}
