import { describe, expect, it } from 'vitest';
import type { BranchTreeNode } from '../../protocol/branchTree.ts';
import { blockAffinity, buildTree, treeLayers, type TreeDatum } from './treeModel.ts';

const leaves = (d: TreeDatum): TreeDatum[] => (d.kind === 'task' ? [d] : d.children.flatMap(leaves));
const node = (
  layer: number,
  tasks: number[],
  children: number[][],
  affinity: number[][] = tasks.map(() => tasks.map(() => 0)),
): BranchTreeNode => ({ layer, tasks, children, affinity, explanation: '' });

describe('buildTree', () => {
  it('before any split: one pending root holding every task as a leaf', () => {
    const root = buildTree(4, 3, 2, []);
    expect(root.pending).toBe(true);
    expect(leaves(root).map((l) => l.tasks[0])).toEqual([0, 1, 2, 3]);
    expect(leaves(root).every((l) => l.row === 3)).toBe(true);
  });

  it('grows with each split and matches the search layers when complete', () => {
    const first = node(
      1,
      [0, 1, 2, 3],
      [
        [0, 1],
        [2, 3],
      ],
    );
    const partial = buildTree(4, 3, 2, [first]);
    expect(treeLayers(partial)).toEqual([
      [[0, 1, 2, 3]],
      [
        [0, 1],
        [2, 3],
      ],
    ]);
    expect(partial.children.every((c) => c.pending)).toBe(true);
    expect(leaves(partial)).toHaveLength(4);

    const full = buildTree(4, 3, 2, [first, node(2, [0, 1], [[0], [1]]), node(2, [2, 3], [[2, 3]])]);
    expect(treeLayers(full)).toEqual([
      [[0, 1, 2, 3]],
      [
        [0, 1],
        [2, 3],
      ],
      [[0], [1], [2, 3]],
    ]);
    expect(leaves(full).map((l) => l.tasks[0])).toEqual([0, 1, 2, 3]);
    expect(JSON.stringify(full)).not.toContain('"pending":true');
  });

  it('carries single tasks, and everything when arity is 1, without waiting for a split', () => {
    expect(treeLayers(buildTree(3, 2, 1, []))).toEqual([[[0, 1, 2]], [[0, 1, 2]]]);
    const tree = buildTree(3, 3, 2, [node(1, [0, 1, 2], [[0], [1, 2]])]);
    expect(treeLayers(tree)).toEqual([[[0, 1, 2]], [[0], [1, 2]], [[0]]]);
  });

  it('a depth-1 tree is one block over all tasks', () => {
    const root = buildTree(3, 1, 2, []);
    expect(root.pending).toBe(false);
    expect(root.children.map((c) => c.kind)).toEqual(['task', 'task', 'task']);
  });
});

describe('blockAffinity', () => {
  const root = node(
    1,
    [0, 1, 2],
    [[0, 1], [2]],
    [
      [1, 0.8, -0.2],
      [0.6, 1, 0.1],
      [-0.2, 0.1, 1],
    ],
  );
  it('averages the off-diagonal entries among the block tasks', () => {
    expect(blockAffinity([root], [0, 1, 2])!.value).toBeCloseTo((0.8 - 0.2 + 0.6 + 0.1 - 0.2 + 0.1) / 6);
    expect(blockAffinity([root], [0, 1])!.value).toBeCloseTo(0.7);
  });
  it("prefers the block's own split measurement, and has none for one task", () => {
    const own = node(
      2,
      [0, 1],
      [[0], [1]],
      [
        [1, 0.3],
        [0.1, 1],
      ],
    );
    expect(blockAffinity([root, own], [0, 1])).toEqual({ value: 0.2, layer: 2 });
    expect(blockAffinity([root], [2])).toBeUndefined();
    expect(blockAffinity([], [0, 1])).toBeUndefined();
  });
});
