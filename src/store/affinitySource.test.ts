import { describe, expect, it } from 'vitest';
import type { ExperimentSpec } from '../protocol/index.ts';
import { affinityForCell } from './affinitySource.ts';
import type { RunRecord } from './runsSlice.ts';

const data = { kind: 'planted', numTasks: 2 } as unknown as ExperimentSpec['dataset'];
const spec = (dataset = data) => ({ dataset, model: { kind: 'home' } }) as unknown as ExperimentSpec;
const snapshot = (values: number[]) =>
  ({
    type: 'snapshot',
    kind: 'affinity',
    step: 1,
    method: 'lookahead',
    numTasks: 2,
    matrix: Float32Array.from(values),
  }) as const;
const run = (id: string, cellId: string, createdAt: number, values?: number[], extra: Partial<RunRecord> = {}) =>
  ({
    id,
    cellId,
    notebookId: 'nb',
    name: id,
    createdAt,
    spec: spec(),
    snapshots: values ? [snapshot(values)] : [],
    info: { taskNames: ['a', 'b'] },
    ...extra,
  }) as unknown as RunRecord;

describe('affinityForCell', () => {
  it("prefers the cell's own newest run with an affinity snapshot, then other runs on the same data", () => {
    const runs = {
      other: run('other', 'c2', 50, [1, 2, 3, 4]),
      ownOld: run('ownOld', 'c1', 10, [5, 6, 7, 8]),
      ownNew: run('ownNew', 'c1', 20),
    };
    const found = affinityForCell(runs, 'c1', spec(), 'nb')!;
    expect(found.runName).toBe('ownOld');
    expect(found.matrix).toEqual([
      [5, 6],
      [7, 8],
    ]);
    expect(found.taskNames).toEqual(['a', 'b']);
    expect(affinityForCell({ other: runs.other }, 'c1', spec(), 'nb')!.runName).toBe('other');
  });

  it('skips runs of other notebooks, other data and matrices with missing entries', () => {
    const runs = {
      elsewhere: run('elsewhere', 'c1', 30, [1, 2, 3, 4], { notebookId: 'nb2' }),
      otherData: run('otherData', 'c1', 40, [1, 2, 3, 4], {
        spec: spec({ kind: 'planted', numTasks: 3 } as unknown as ExperimentSpec['dataset']),
      }),
      nan: run('nan', 'c1', 50, [1, NaN, 3, 4]),
    };
    expect(affinityForCell(runs, 'c1', spec(), 'nb')).toBeUndefined();
  });
});
