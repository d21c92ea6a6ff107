import { describe, expect, it } from 'vitest';
import { ExperimentSpec } from '../../protocol/index.ts';
import type { Cell } from '../../notebook/index.ts';
import { emptySeries } from '../../store/lossSeries.ts';
import type { RunRecord, RunStatus } from '../../store/runsSlice.ts';
import { pickerGroups } from './pickerGroups.ts';

const spec = ExperimentSpec.parse({});
const cells: Cell[] = [
  { id: 'a', kind: 'experiment', title: 'First', spec },
  { id: 'b', kind: 'experiment', title: 'Second', spec },
];
const run = (id: string, cellId: string, createdAt: number, status: RunStatus = 'done'): RunRecord => ({
  id,
  cellId,
  createdAt,
  status,
  name: id,
  spec,
  losses: emptySeries(1),
  stepsPerSecond: 0,
  snapshots: [],
});

describe('pickerGroups', () => {
  const runs = [
    run('a1', 'a', 1),
    run('a2', 'a', 2),
    run('b1', 'b', 3),
    run('b2', 'b', 4, 'failed'),
    run('gone1', 'gone', 5),
  ];

  it('groups by experiment in notebook order, newest first, without failed runs or removed experiments', () => {
    const groups = pickerGroups(runs, cells, new Set());
    expect(groups.map((g) => [g.title, g.runs.map((r) => r.id)])).toEqual([
      ['First', ['a2', 'a1']],
      ['Second', ['b1']],
    ]);
  });

  it('puts ticked runs and their groups first, and keeps ticked runs whose experiment is gone', () => {
    const groups = pickerGroups(runs, cells, new Set(['b1', 'a1', 'gone1']));
    expect(groups.map((g) => g.cellId)).toEqual(['a', 'b', 'gone']);
    expect(groups[0].runs.map((r) => r.id)).toEqual(['a1', 'a2']);
    expect(groups[2]).toMatchObject({ removed: true, title: 'gone1 (experiment removed)' });
    const onlySecond = pickerGroups(runs, cells, new Set(['b1']));
    expect(onlySecond.map((g) => g.cellId)).toEqual(['b', 'a']);
  });
});
