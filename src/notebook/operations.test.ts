import { describe, expect, it } from 'vitest';
import { counterIds } from './ids.ts';
import { addCell, deleteCell, duplicateCell, moveCell, restoreCell, shiftCell, updateCell } from './operations.ts';
import { parseNotebook, type Notebook } from './schema.ts';

const md = (id: string, text = id) => ({ id, kind: 'markdown' as const, text });
const notebook = (): Notebook => ({ title: 't', cells: [md('a'), md('b'), md('c')] });
const ids = (nb: Notebook) => nb.cells.map((c) => c.id).join('');

describe('cell operations', () => {
  it('adds at a position and at the end, without touching the input', () => {
    const nb = notebook();
    expect(ids(addCell(nb, md('x'), 1))).toBe('axbc');
    expect(ids(addCell(nb, md('x')))).toBe('abcx');
    expect(ids(addCell(nb, md('x'), 99))).toBe('abcx');
    expect(ids(nb)).toBe('abc');
  });

  it('gives an added cell a fresh id when its id is taken', () => {
    const next = addCell(notebook(), md('b', 'copy'), 0, counterIds('n'));
    expect(ids(next)).toBe('n1abc');
    expect(parseNotebook(next).ok).toBe(true);
  });

  it('moves cells, clamping the target and ignoring unknown ids', () => {
    expect(ids(moveCell(notebook(), 'a', 2))).toBe('bca');
    expect(ids(moveCell(notebook(), 'c', 0))).toBe('cab');
    expect(ids(moveCell(notebook(), 'c', -5))).toBe('cab');
    expect(ids(shiftCell(notebook(), 'b', -1))).toBe('bac');
    expect(ids(shiftCell(notebook(), 'c', 1))).toBe('abc');
    const nb = notebook();
    expect(moveCell(nb, 'zz', 0)).toBe(nb);
  });

  it('duplicates a cell right after itself with a new id and a deep copy', () => {
    const nb: Notebook = {
      title: 't',
      cells: [md('a'), { id: 'cmp', kind: 'compare', runIds: ['r1'], metric: 'loss' }],
    };
    const next = duplicateCell(nb, 'cmp', counterIds('d'));
    expect(ids(next)).toBe('acmpd1');
    const [original, copy] = next.cells.slice(1) as { runIds: string[] }[];
    expect(copy.runIds).toEqual(['r1']);
    copy.runIds.push('r2');
    expect(original.runIds).toEqual(['r1']);
  });

  it('deletes with an undo record that restores the cell at its place', () => {
    const { notebook: after, deleted } = deleteCell(notebook(), 'b');
    expect(ids(after)).toBe('ac');
    expect(deleted).toEqual({ cell: md('b'), index: 1 });
    expect(restoreCell(after, deleted!)).toEqual(notebook());
    expect(deleteCell(notebook(), 'nope').deleted).toBeUndefined();
  });

  it('updates fields but never the id or kind', () => {
    const next = updateCell(notebook(), 'b', { text: 'new', id: 'zz', kind: 'view' } as never);
    expect(next.cells[1]).toEqual({ id: 'b', kind: 'markdown', text: 'new' });
  });
});
