import { describe, expect, it } from 'vitest';
import { create } from 'zustand';
import { createGroupingSlice, type GroupingSlice } from './groupingSlice.ts';

const node = { layer: 1, tasks: [0, 1], affinity: [[1, 0.5], [0.5, 1]], children: [[0], [1]], explanation: '' };

describe('grouping slice', () => {
  it('keeps each cell’s search and comparison apart and forgets a comparison on request', () => {
    const store = create<GroupingSlice>()(createGroupingSlice);
    const { treeSearchChanged, comparisonChanged, comparisonForgotten } = store.getState();
    treeSearchChanged('a', () => ({ status: 'running', depth: 2, arity: 2, taskNames: ['x', 'y'], nodes: [] }));
    treeSearchChanged('a', (old) => ({ ...old!, nodes: [...old!.nodes, node] }));
    treeSearchChanged('b', () => ({ status: 'failed', depth: 1, arity: 1, taskNames: [], nodes: [], error: 'no' }));
    expect(store.getState().treeSearches.a.nodes).toEqual([node]);
    expect(store.getState().treeSearches.b.status).toBe('failed');

    comparisonChanged('a', () => ({ status: 'running', message: 'm', setups: [] }));
    comparisonChanged('b', () => ({ status: 'done', message: '', setups: [] }));
    comparisonForgotten('a');
    expect(Object.keys(store.getState().comparisons)).toEqual(['b']);
    expect(store.getState().treeSearches.a.status).toBe('running');
  });
});
