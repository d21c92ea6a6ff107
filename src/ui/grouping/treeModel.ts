// The branching tree as a hierarchy to draw, built from the splits found so far: blocks per layer
// (one row each), the tasks as leaves in the last row. A block whose split has not been found yet
// is marked pending and holds its tasks directly, so every task is a leaf at every moment.
import type { BranchTreeNode } from '../../protocol/branchTree.ts';

export interface TreeDatum {
  id: string;
  kind: 'block' | 'task';
  /** Row: the block's depth, or `depth` for the task leaves. */
  row: number;
  tasks: number[];
  pending: boolean;
  children: TreeDatum[];
}

const sameSet = (a: number[], b: number[]) => a.length === b.length && a.every((t) => b.includes(t));

export function buildTree(numTasks: number, depth: number, arity: number, nodes: BranchTreeNode[]): TreeDatum {
  const leaf = (task: number): TreeDatum => ({
    id: `task-${task}`,
    kind: 'task',
    row: depth,
    tasks: [task],
    pending: false,
    children: [],
  });
  const block = (row: number, tasks: number[]): TreeDatum => {
    const id = `block-${row}-${tasks.join('.')}`;
    if (row === depth - 1) return { id, kind: 'block', row, tasks, pending: false, children: tasks.map(leaf) };
    if (tasks.length < 2 || arity < 2)
      return { id, kind: 'block', row, tasks, pending: false, children: [block(row + 1, tasks)] };
    const split = nodes.find((node) => node.layer === row + 1 && sameSet(node.tasks, tasks));
    if (!split) return { id, kind: 'block', row, tasks, pending: true, children: tasks.map(leaf) };
    return {
      id,
      kind: 'block',
      row,
      tasks,
      pending: false,
      children: split.children.map((group) => block(row + 1, group)),
    };
  };
  return block(
    0,
    Array.from({ length: numTasks }, (_, t) => t),
  );
}

/** Groups of each layer in the drawn tree (pending blocks end their branch). */
export function treeLayers(root: TreeDatum): number[][][] {
  const layers: number[][][] = [];
  const visit = (datum: TreeDatum) => {
    if (datum.kind !== 'block') return;
    (layers[datum.row] ??= []).push(datum.tasks);
    datum.children.forEach(visit);
  };
  visit(root);
  return layers;
}

function meanOffDiagonal(matrix: number[][], rows: number[]): number {
  let sum = 0;
  let count = 0;
  for (const a of rows)
    for (const b of rows) {
      if (a === b) continue;
      sum += matrix[a][b];
      count++;
    }
  return count ? sum / count : NaN;
}

/** Mean pairwise affinity among a block's tasks: from its own split's measurement when it has one,
 * else from the deepest measurement that covers all of them. Undefined for a single task. */
export function blockAffinity(nodes: BranchTreeNode[], tasks: number[]): { value: number; layer: number } | undefined {
  if (tasks.length < 2) return undefined;
  const covering = nodes
    .filter((node) => tasks.every((t) => node.tasks.includes(t)))
    .sort((a, b) => (sameSet(b.tasks, tasks) ? 1 : 0) - (sameSet(a.tasks, tasks) ? 1 : 0) || b.layer - a.layer);
  const node = covering[0];
  if (!node) return undefined;
  return {
    value: meanOffDiagonal(
      node.affinity,
      tasks.map((t) => node.tasks.indexOf(t)),
    ),
    layer: node.layer,
  };
}
