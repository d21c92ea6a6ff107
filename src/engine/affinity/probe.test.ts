import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ExperimentSpec,
  parseSpec,
  transferablesOf,
  type AffinitySnapshotEvent,
  type RunEvent,
} from '../../protocol/index.ts';
import { runExperiment } from '../run.ts';
import { countMeasurements, isMeasurementStep } from './probe.ts';

beforeAll(async () => {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
});

const baseSpec = {
  seed: 3,
  dataset: { kind: 'planted', numTasks: 3, numGroups: 2, inputDim: 4, numSamples: 128 },
  model: { kind: 'shared-bottom', hidden: [8] },
  training: { steps: 40, batchSize: 16 },
};

describe('live affinity in the run loop', () => {
  it('specs without an affinity section stay valid and measure nothing', () => {
    const parsed = parseSpec(baseSpec);
    expect(parsed.ok && parsed.spec.affinity).toBe(undefined);
  });

  it('rejects a bad affinity section by field', () => {
    const parsed = parseSpec({ ...baseSpec, affinity: { method: 'magic' } });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors[0]).toMatch(/^affinity\.method/);
  });

  it('measurement steps skip Adam warm-up and then come every `every` steps', () => {
    const spec = ExperimentSpec.parse({ ...baseSpec, affinity: { method: 'cosine', every: 5 } });
    const steps = Array.from({ length: 40 }, (_, s) => s).filter((s) =>
      isMeasurementStep(s, spec.affinity!, spec.training),
    );
    expect(steps).toEqual([20, 25, 30, 35]);
    expect(countMeasurements(40, spec.affinity!, spec.training)).toBe(4);
    const sgd = ExperimentSpec.parse({
      ...baseSpec,
      training: { ...baseSpec.training, optimizer: 'sgd' },
      affinity: { method: 'cosine', every: 10 },
    });
    expect(countMeasurements(40, sgd.affinity!, sgd.training)).toBe(4); // 0, 10, 20, 30
  });

  it('emits affinity snapshots with an n×n matrix, the first at the first measurement, the last at the final one', async () => {
    const events: RunEvent[] = [];
    // The probe must add no tensors to whatever a plain run leaves behind.
    let tensors = tf.memory().numTensors;
    await runExperiment(baseSpec, { emit: () => {}, keepBackend: true });
    const plainGrowth = tf.memory().numTensors - tensors;
    tensors = tf.memory().numTensors;
    await runExperiment(
      { ...baseSpec, affinity: { method: 'lookahead', every: 5 } },
      { emit: (e) => events.push(e), keepBackend: true },
    );
    expect(tf.memory().numTensors - tensors).toBe(plainGrowth);
    const snapshots = events.filter((e): e is AffinitySnapshotEvent => e.type === 'snapshot');
    expect(snapshots.length).toBeGreaterThan(0);
    // Adam skips 20 steps; then every 5 of the 40: measurements at 20, 25, 30, 35.
    expect(snapshots[0].step).toBe(20);
    const last = snapshots[snapshots.length - 1];
    expect(last).toMatchObject({ kind: 'affinity', method: 'lookahead', numTasks: 3, step: 35 });
    expect(last.matrix).toBeInstanceOf(Float32Array);
    expect(last.matrix.length).toBe(9);
    expect(last.matrix.every(Number.isFinite)).toBe(true);
    expect(transferablesOf(last)).toEqual([last.matrix.buffer]);
    // Snapshots come before the final `done`.
    expect(events.findIndex((e) => e.type === 'done')).toBeGreaterThan(events.indexOf(last));
  });
});
