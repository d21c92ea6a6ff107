// Every affinity method on planted-cluster data: tasks of one planted group must look more
// related to each other than to tasks of other groups; Grad-TAG must rank pairs like the truth.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExperimentSpec } from '../../protocol/index.ts';
import {
  bruteForceAffinity,
  gradTagAffinity,
  measuredAffinity,
  metaInitialise,
  type AffinityResult,
} from './methods.ts';
import { meanRelativeError, spearmanOffDiagonal, withinAcrossMeans } from './scoring.ts';
import { createAffinitySetup, type AffinitySetup } from './setup.ts';

let setup: AffinitySetup;
let groups: number[];
let meta: tf.Tensor[];
let truth: AffinityResult;

// Narrow trunk (capacity-limited, ALGORITHMS §6.1): tasks of different groups compete for it.
const spec = ExperimentSpec.parse({
  seed: 2,
  dataset: { kind: 'planted', numTasks: 6, numGroups: 2, inputDim: 8, numSamples: 512, noise: 0.1 },
  model: { kind: 'shared-bottom', hidden: [6], activation: 'tanh' },
  training: { steps: 150, batchSize: 32, learningRate: 0.01 },
});

beforeAll(async () => {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
  setup = createAffinitySetup(spec);
  groups = setup.dataset.plantedGroups!;
  meta = await metaInitialise(setup);
  truth = await bruteForceAffinity(setup, { meta, steps: 60, batch: 'spec' });
});

afterAll(() => {
  tf.dispose(meta);
  setup.dispose();
});

function expectPlantedStructure(matrix: Float32Array, label: string) {
  const { within, across } = withinAcrossMeans(matrix, groups);
  console.log(label, { within, across });
  expect(within).toBeGreaterThan(across);
}

describe('affinity on planted clusters', () => {
  it('brute-force truth: within-group above across-group', () => {
    expectPlantedStructure(truth.matrix, 'truth');
    expect(truth.cost.passes).toBeGreaterThan(0);
  });

  it('lookahead (TAG): within-group above across-group', async () => {
    const result = await measuredAffinity(setup, { method: 'lookahead', every: 5 });
    expectPlantedStructure(result.matrix, 'lookahead');
  });

  it('gradient cosine: within-group above across-group', async () => {
    const result = await measuredAffinity(setup, { method: 'cosine', every: 5 });
    expectPlantedStructure(result.matrix, 'cosine');
    expect(result.conflictRate).toBeDefined();
  });

  it('Grad-TAG: within-group above across-group, ranks pairs like the truth, costs a fraction', async () => {
    // A perfect two-level (within/across) answer would score Spearman 0.68 against this truth.
    for (const [evaluation, minRank] of [
      ['network', 0.55],
      ['linear', 0.6],
    ] as const) {
      const result = await gradTagAffinity(setup, { meta, samples: 256, projectionDim: 64, ridge: 0.3, evaluation });
      expectPlantedStructure(result.matrix, `gradtag/${evaluation}`);
      const rank = spearmanOffDiagonal(result.matrix, truth.matrix, 6);
      const error = meanRelativeError(result.losses!, truth.losses!);
      console.log(`gradtag/${evaluation} vs truth`, { rank, error, cost: result.cost, truthCost: truth.cost });
      expect(rank).toBeGreaterThan(minRank);
      expect(error).toBeLessThan(0.08);
      expect(result.cost.passes).toBeLessThan(truth.cost.passes / 5);
    }
  });
});
