import { describe, expect, it } from 'vitest';
import { ExperimentSpec, type RoutingSnapshotEvent, type SnapshotEvent } from '../../protocol/index.ts';
import { formatMetric, moeRunMetrics } from './moeRunMetrics.ts';

const spec = ExperimentSpec.parse({
  dataset: { kind: 'text' },
  model: { kind: 'moe-lm', numExperts: 4, k: 1, router: 'compete' },
});

// Two layers, E = 4, segments [2, 4, 8]: SCH rows are look-aheads, column C−1 is cache size C.
const layer = (cv: number, srp4: number, schAt4C2: number, load: number[]) => ({
  load: Float32Array.from(load),
  loadCV: cv,
  entropy: 0.5,
  dropRate: 0,
  usage: new Float32Array(8),
  srp: Float32Array.from([0.9, srp4, 0.5]),
  sch: Float32Array.from([0, 0, 0, 0, 0.1, schAt4C2, 0.3, 0.4, 0, 0, 0, 0]),
});
const snapshot = (step: number, peak: number[]): RoutingSnapshotEvent => ({
  type: 'snapshot',
  kind: 'routing',
  step,
  numExperts: 4,
  expertNames: ['e0', 'e1', 'e2', 'e3'],
  groupKind: 'domain',
  groupNames: ['a', 'b'],
  layers: [layer(0.2, 0.6, 0.7, [0.25, 0.25, 0.25, 0.25]), layer(0.4, 0.8, 0.9, [0.7, 0.1, 0.1, 0.1])],
  segments: [2, 4, 8],
  interLayerPeak: Float32Array.from(peak),
});

describe('MoE run metrics for compare cells', () => {
  it('averages the latest snapshot over layers: load CV, SRP at m=4, SCH at L=4 with C=2k (< E), inter-layer peak', () => {
    const snapshots: SnapshotEvent[] = [
      snapshot(5, [0.1]),
      { type: 'snapshot', kind: 'affinity', step: 9, method: 'cosine', numTasks: 1, matrix: new Float32Array(1) },
      snapshot(9, [0.55]),
    ];
    const m = moeRunMetrics({
      spec,
      snapshots,
      result: { competitionSteps: 7, tasks: [{ validationLoss: 2 }, { validationLoss: 3 }] },
    })!;
    expect(m.step).toBe(9);
    expect(m.loadCV).toBeCloseTo(0.3, 6);
    expect(m.srp).toBeCloseTo(0.7, 6);
    expect(m.cacheSize).toBe(2);
    expect(m.sch).toBeCloseTo(0.8, 6);
    expect(m.interLayer).toBeCloseTo(0.55, 6);
    expect(m.competitionSteps).toBe(7);
    expect(m.validationLoss).toBe(2.5);
    Array.from(m.load.subarray(4)).forEach((v, e) => expect(v).toBeCloseTo([0.7, 0.1, 0.1, 0.1][e], 6));
    // k = 2 of E = 4: a cache of 2k = 4 would hold every expert, so C = E − 1 = 3 (column 2 of row L=4).
    const k2 = moeRunMetrics({ spec: { ...spec, model: { ...spec.model, k: 2 } } as typeof spec, snapshots })!;
    expect(k2.cacheSize).toBe(3);
    expect(k2.sch).toBeCloseTo(0.3, 6);
  });

  it('says nothing for runs without routing and marks what is missing', () => {
    expect(moeRunMetrics({ spec, snapshots: [] })).toBeUndefined();
    const noSegments = { ...snapshot(1, []), segments: [2], interLayerPeak: undefined };
    const m = moeRunMetrics({ spec, snapshots: [noSegments] })!;
    expect(formatMetric(m.srp)).toBe('—');
    expect(formatMetric(m.interLayer)).toBe('—');
    expect(formatMetric(m.competitionSteps)).toBe('—');
    expect(formatMetric(0.12345)).toBe('0.123');
  });
});
