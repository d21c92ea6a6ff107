import { describe, expect, it } from 'vitest';
import type { RoutingSnapshotEvent } from '../../protocol/index.ts';
import { layerLoadMatrix, loadOverTime, previousSnapshot, routingSnapshots, usageSummary } from './routingSeries.ts';

const snap = (step: number, load: number[][]): RoutingSnapshotEvent => ({
  type: 'snapshot',
  kind: 'routing',
  step,
  numExperts: 2,
  expertNames: ['e0', 'e1'],
  groupKind: 'domain',
  groupNames: ['prose', 'code'],
  layers: load.map((l) => ({
    load: Float32Array.from(l),
    loadCV: 0,
    entropy: 0,
    dropRate: 0,
    usage: Float32Array.from([0.25, 0.75, 0.9, 0.1]),
  })),
});

describe('routing series', () => {
  const list = [snap(0, [[0.5, 0.5]]), snap(5, [[0.25, 0.75]]), snap(9, [[0.125, 0.875]])];
  it('picks routing snapshots, a layer × expert matrix and load over time', () => {
    expect(
      routingSnapshots([
        { type: 'snapshot', kind: 'affinity', step: 0, method: 'cosine', numTasks: 1, matrix: new Float32Array(1) },
        ...list,
      ]),
    ).toHaveLength(3);
    expect(
      Array.from(
        layerLoadMatrix(
          snap(0, [
            [0.5, 0.5],
            [0.25, 0.75],
          ]),
        ),
      ),
    ).toEqual([0.5, 0.5, 0.25, 0.75]);
    expect(loadOverTime(list, 0).map((p) => [p.step, p.load[1]])).toEqual([
      [0, 0.5],
      [5, 0.75],
      [9, 0.875],
    ]);
  });
  it('compares with an earlier snapshot and summarises usage in words', () => {
    expect(previousSnapshot(list.slice(0, 1))).toBeUndefined();
    expect(previousSnapshot(list)!.step).toBe(5);
    expect(usageSummary(list[0], 0)).toBe(
      'Domain × expert usage at step 0: prose mostly e1 (75%), code mostly e0 (90%).',
    );
  });
});
