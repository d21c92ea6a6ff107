import { describe, expect, it } from 'vitest';
import type { ColumnPreview, TablePreview } from '../../protocol/reports.ts';
import { assignmentFromRoles, roleProblems, rolesFromAssignment, suggestRoles } from './roles.ts';

const column = (name: string, type: ColumnPreview['type'], extra: Partial<ColumnPreview> = {}): ColumnPreview => ({
  name,
  type,
  typeNote: type,
  missing: 0,
  ...extra,
});

const preview: TablePreview = {
  name: 't.csv',
  numRows: 3,
  rows: [],
  columns: [
    column('x', 'number'),
    column('city', 'text', { distinct: 3 }),
    column('id', 'text', { distinct: 500 }),
    column('y1', 'number'),
    column('y2', 'number'),
  ],
};

describe('column roles', () => {
  it('suggests the last numeric column as target and usable others as inputs', () => {
    expect(suggestRoles(preview)).toEqual({ x: 'input', city: 'input', id: 'ignore', y1: 'input', y2: 'target' });
  });

  it('turns an assignment into roles in column order and back', () => {
    const assignment = { x: 'input', city: 'input', id: 'ignore', y1: 'target', y2: 'target' } as const;
    const roles = rolesFromAssignment(preview, assignment);
    expect(roles).toEqual({ inputs: ['x', 'city'], targets: ['y1', 'y2'] });
    expect(assignmentFromRoles(preview, roles)).toEqual(assignment);
    expect(roleProblems(preview, assignment)).toEqual([]);
  });

  it('names the column and rows behind each problem', () => {
    const bad: TablePreview = {
      ...preview,
      columns: [
        column('x', 'mixed', { typeNote: 'mixes numbers and text (row 1 holds a number, row 4 holds "n/a!")' }),
        column('e', 'empty'),
        column('label', 'text', { distinct: 2 }),
        column('t', 'number'),
      ],
    };
    expect(roleProblems(bad, { x: 'input', e: 'input', label: 'target', t: 'ignore' })).toEqual([
      'Input column "x" mixes numbers and text (row 1 holds a number, row 4 holds "n/a!").',
      'Input column "e" is empty (no values in any row).',
      'Target column "label" holds text; targets must be numeric.',
    ]);
  });

  it('long format: one task column and exactly one value column', () => {
    const long = { x: 'input', city: 'task', id: 'ignore', y1: 'target', y2: 'target' } as const;
    expect(roleProblems(preview, long)).toEqual([
      'With a task column ("city"), choose exactly one target: the column holding each row\'s value.',
    ]);
    expect(rolesFromAssignment(preview, { ...long, y2: 'ignore' })).toEqual({
      inputs: ['x'],
      targets: ['y1'],
      taskColumn: 'city',
    });
    expect(roleProblems(preview, { x: 'ignore', city: 'ignore', id: 'ignore', y1: 'ignore', y2: 'ignore' })).toEqual([
      'Choose at least one input column.',
      'Choose at least one target column (one task each).',
    ]);
  });
});
