import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ExperimentSpec, type RunEvent } from '../../protocol/index.ts';
import type { AffinityProgress } from '../../protocol/jobs.ts';
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

const context = (updates: AffinityProgress[] = []) => ({
  signal: new AbortController().signal,
  progress: (update: AffinityProgress) => updates.push(update),
});
/** "stage:done/total" of each update, to compare whole sequences. */
const trace = (updates: AffinityProgress[]) => updates.map((u) => `${u.stage}:${u.done}/${u.total}`);
/** Stage `stage` counted 0, 1, …, total. */
const counting = (stage: number, total: number) =>
  Array.from({ length: total + 1 }, (_, done) => `${stage}:${done}/${total}`);

describe('affinity job', () => {
  it('tells the page which backend it computes on', async () => {
    const reports: { backend: string; fallbacks: unknown[] }[] = [];
    await affinityJob({ spec: tiny, method: 'gradtag' }, { ...context(), backend: (r) => reports.push(r) });
    expect(reports).toEqual([expect.objectContaining({ backend: 'cpu', fallbacks: [] })]);
  });

  it('brute force returns an n×n matrix with a zero diagonal and reports every subset', async () => {
    const before = tf.memory().numTensors;
    const updates: AffinityProgress[] = [];
    const result = await affinityJob({ spec: tiny, method: 'bruteforce' }, context(updates));
    expect(result.tasks).toHaveLength(3);
    expect(result.matrix).toHaveLength(9);
    expect([result.matrix[0], result.matrix[4], result.matrix[8]]).toEqual([0, 0, 0]);
    expect(result.matrix.every(Number.isFinite)).toBe(true);
    // Three stages: θ* (6 steps), 3 single tasks, 3 pairs; each from 0 to its total.
    expect(trace(updates)).toEqual([
      ...counting(1, 6),
      '2:0/3',
      '2:1/3',
      '2:2/3',
      '2:3/3',
      '3:0/3',
      '3:1/3',
      '3:2/3',
      '3:3/3',
    ]);
    expect(updates.every((u) => u.stages === 3 && u.label.length > 0)).toBe(true);
    // The job's own time estimate, from θ*'s second report with steps done (1:2/6) on.
    const timed = updates.findIndex((u) => u.estimatedSeconds !== undefined);
    expect(trace(updates)[timed]).toBe('1:2/6');
    expect(
      updates
        .slice(timed)
        .every((u) => u.estimatedSeconds! > 0 && Number.isFinite(u.estimatedSeconds) && u.elapsedSeconds! >= 0),
    ).toBe(true);
    expect(result.plantedGroups).toHaveLength(3);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('Grad-TAG returns a finite n×n matrix and reports its three stages', async () => {
    const updates: AffinityProgress[] = [];
    const result = await affinityJob({ spec: tiny, method: 'gradtag' }, context(updates));
    // θ* (6 steps); 103 training rows × 3 tasks = 309 per-sample gradients in chunks of 32 rows per task
    // (the last chunk has 7 rows); 3 singles + 3 pairs.
    const gradients = [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 295, 302, 309].map((done) => `2:${done}/309`);
    expect(trace(updates)).toEqual([
      ...counting(1, 6),
      ...gradients,
      '3:0/6',
      '3:1/6',
      '3:2/6',
      '3:3/6',
      '3:4/6',
      '3:5/6',
      '3:6/6',
    ]);
    expect(result.method).toBe('gradtag');
    expect(result.matrix).toHaveLength(9);
    expect(result.matrix.every(Number.isFinite)).toBe(true);
  });

  it('names a task with constant targets, in the job and in a run that measures affinity', async () => {
    await expect(affinityJob({ spec: constantTarget, method: 'gradtag' }, context())).rejects.toThrow(
      /task "flat" has constant targets/,
    );
    const events: RunEvent[] = [];
    await expect(runExperiment(constantTarget, { emit: (e) => events.push(e), keepBackend: true })).rejects.toThrow(
      /task "flat" has constant targets/,
    );
  });
});
