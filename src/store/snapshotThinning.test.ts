import { describe, expect, it } from 'vitest';
import type { AffinitySnapshotEvent, SnapshotEvent } from '../protocol/index.ts';
import { appendSnapshot } from './snapshotThinning.ts';

const affinity = (step: number): AffinitySnapshotEvent => ({
  type: 'snapshot',
  kind: 'affinity',
  step,
  method: 'cosine',
  numTasks: 1,
  matrix: new Float32Array(1),
});
const routing = (step: number): SnapshotEvent => ({
  type: 'snapshot',
  kind: 'routing',
  step,
  numExperts: 1,
  expertNames: ['e0'],
  groupKind: 'task',
  groupNames: ['t'],
  layers: [],
});

describe('appendSnapshot', () => {
  it('appends below the cap', () => {
    expect(appendSnapshot([routing(0)], routing(1), 3).map((s) => s.step)).toEqual([0, 1]);
  });

  it('halves the older snapshots of the same kind past the cap and keeps the newest and other kinds', () => {
    const list: SnapshotEvent[] = [routing(0), affinity(0), routing(1), routing(2), routing(3)];
    const next = appendSnapshot(list, routing(4), 4);
    expect(next.filter((s) => s.kind === 'routing').map((s) => s.step)).toEqual([0, 2, 4]);
    expect(next.filter((s) => s.kind === 'affinity').map((s) => s.step)).toEqual([0]);
  });
});
