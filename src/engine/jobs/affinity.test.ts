import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ExperimentSpec, type RunEvent } from '../../protocol/index.ts';
import { runExperiment } from '../run.ts';
import { useCpuBackend } from '../testing/setup.ts';
import { affinityJob } from './affinity.ts';

beforeAll(useCpuBackend);

const tiny = ExperimentSpec.parse({
  seed: 3,
  backend: 'cpu',
  dataset: { kind: 'planted', numTasks: 3, numGroups: 2, inputDim: 3, numSamples: 128 },
  model: { kind: 'shared-bottom', hidden: [4], activation: 'tanh' },
  training: { steps: 6, batchSize: 16, learningRate: 0.02 },
});

/** Wide table whose target "flat" never changes. */
const constantTarget = ExperimentSpec.parse({
  backend: 'cpu',
  dataset: {
    kind: 'table',
    table: { columns: ['a', 'up', 'flat'], rows: Array.from({ length: 40 }, (_, r) => [r, 2 * r + (r % 3), 7]) },
    inputs: ['a'],
    targets: ['up', 'flat'],
  },
  training: { steps: 4, batchSize: 8 },
  affinity: { method: 'lookahead', every: 1, skipSteps: 0 },
});

const context = (updates: { done: number; total: number }[] = []) => ({
  signal: new AbortController().signal,
  progress: (update: { done: number; total: number }) => updates.push(update),
});

describe('affinity job', () => {
  it('brute force returns an n×n matrix with a zero diagonal and reports every subset', async () => {
    const before = tf.memory().numTensors;
    const updates: { done: number; total: number }[] = [];
    const result = await affinityJob({ spec: tiny, method: 'bruteforce' }, context(updates));
    expect(result.tasks).toHaveLength(3);
    expect(result.matrix).toHaveLength(9);
    expect([result.matrix[0], result.matrix[4], result.matrix[8]]).toEqual([0, 0, 0]);
    expect(result.matrix.every(Number.isFinite)).toBe(true);
    // 3 singles + 3 pairs, after a "θ* ready" update.
    expect(updates.map((u) => u.done)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(updates.every((u) => u.total === 6)).toBe(true);
    expect(result.plantedGroups).toHaveLength(3);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('Grad-TAG returns a finite n×n matrix', async () => {
    const result = await affinityJob({ spec: tiny, method: 'gradtag' }, context());
    expect(result.method).toBe('gradtag');
    expect(result.matrix).toHaveLength(9);
    expect(result.matrix.every(Number.isFinite)).toBe(true);
  });

  it('names a task with constant targets, in the job and in a run that measures affinity', async () => {
    await expect(affinityJob({ spec: constantTarget, method: 'gradtag' }, context())).rejects.toThrow(/task "flat" has constant targets/);
    const events: RunEvent[] = [];
    await expect(runExperiment(constantTarget, { emit: (e) => events.push(e), keepBackend: true })).rejects.toThrow(/task "flat" has constant targets/);
  });
});
