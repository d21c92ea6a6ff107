import { describe, expect, it } from 'vitest';
import { ExperimentSpec } from '../protocol/index.ts';
import { create } from 'zustand';
import { createNotebookSlice, type NotebookSlice } from './notebookSlice.ts';

const lm = ExperimentSpec.parse({ dataset: { kind: 'text' }, model: { kind: 'moe-lm' } });

describe('notebook undo stack', () => {
  it('undoes a one-click comparison (both cells) and a delete, newest first', () => {
    const useLab = create<NotebookSlice>()(createNotebookSlice);
    const store = useLab.getState();
    store.openNotebook(
      {
        title: 't',
        cells: [
          { id: 'lm', kind: 'experiment', spec: lm },
          { id: 'md', kind: 'markdown', text: 'x' },
        ],
      },
      'file',
    );
    const ids = useLab.getState().addMoeComparisonFor('lm', 'recurrent');
    useLab.getState().deleteCellById('md');
    const kinds = () => useLab.getState().notebook.cells.map((c) => c.id);
    expect(kinds()).toEqual(['lm', ids.siblingId, ids.compareId]);
    useLab.getState().undo(); // the delete
    expect(kinds()).toEqual(['lm', ids.siblingId, ids.compareId, 'md']);
    useLab.getState().undo(); // the comparison
    expect(kinds()).toEqual(['lm', 'md']);
    useLab.getState().undo(); // nothing left: no change
    expect(kinds()).toEqual(['lm', 'md']);
  });
});
