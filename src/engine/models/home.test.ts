import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { HealthSnapshotEvent, RunEvent } from '../../protocol/index.ts';
import { runExperiment } from '../run.ts';

beforeAll(async () => {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
});

const dataset = { kind: 'planted', numTasks: 4, numGroups: 2, inputDim: 6, numSamples: 256, noise: 0.1 } as const;
const base = {
  kind: 'home',
  taskExperts: 1,
  sharedExperts: 2,
  categoryExperts: 1,
  categories: [0, 1, 0, 1],
  expertHidden: 8,
  expertOutput: 8,
  towerHidden: 8,
} as const;
const OFF = { expertNorm: false, hierarchyMask: false, featureGate: false, selfGate: false };

async function train(model: object) {
  const losses: number[] = [];
  let health: HealthSnapshotEvent | undefined;
  const emit = (e: RunEvent) => {
    if (e.type === 'progress')
      for (let s = 0; s < e.numSteps; s++)
        losses.push(e.losses.subarray(s * e.numTasks, (s + 1) * e.numTasks).reduce((a, b) => a + b, 0));
    if (e.type === 'snapshot' && e.kind === 'health') health = e;
  };
  const before = tf.memory().numTensors;
  const done = await runExperiment(
    { seed: 4, dataset, model, training: { steps: 40, batchSize: 64, learningRate: 0.02 } },
    { emit, keepBackend: true },
  );
  expect(tf.memory().numTensors).toBe(before);
  return { losses, health: health!, done };
}

describe('HoME', () => {
  const configs: Record<string, object> = {
    'all fixes off (CGC, ReLU)': OFF,
    'expert normalisation + Swish': { ...OFF, expertNorm: true },
    'hierarchy mask': { ...OFF, hierarchyMask: true },
    'feature gates': { ...OFF, featureGate: true },
    'self gates': { ...OFF, selfGate: true },
    'all fixes on': {},
  };
  for (const [name, switches] of Object.entries(configs)) {
    it(`trains with ${name}`, async () => {
      const { losses, health } = await train({ ...base, ...switches });
      expect(losses[losses.length - 1]).toBeLessThan(0.7 * losses[0]);
      const zeros = Math.max(...health.layers[0].zeroShare);
      // Swish never gives an exact zero; ReLU does.
      if ('expertNorm' in switches && !switches.expertNorm) expect(zeros).toBeGreaterThan(0.1);
      else expect(zeros).toBe(0);
    });
  }

  it("the hierarchy mask hides other categories' experts from a task's gate", async () => {
    const { health } = await train({ ...base, ...OFF, hierarchyMask: true });
    const layer = health.layers[0];
    expect(layer.expertNames).toEqual([
      'task0 own',
      'task1 own',
      'task2 own',
      'task3 own',
      'category 0',
      'category 1',
      'shared 0',
      'shared 1',
    ]);
    const E = layer.expertNames.length;
    const weight = (task: number, expert: string) => layer.gateWeight[task * E + layer.expertNames.indexOf(expert)];
    // task0 is in category 0: it sees its own expert, category 0 and the shared ones, nothing else.
    expect(weight(0, 'category 1')).toBe(0);
    expect(weight(0, 'task1 own')).toBe(0);
    expect(weight(0, 'category 0')).toBeGreaterThan(0);
    expect(weight(1, 'category 0')).toBe(0);
    expect(layer.owners[layer.expertNames.indexOf('category 1')]).toEqual([1, 3]);
  });
});
