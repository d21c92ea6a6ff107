// The shared work model (src/shared/affinityCost.ts) counts what the engine does: its passes equal
// the engine's cost meter for Grad-TAG and the truth, its split sizes equal splitDataset's.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ExperimentSpec, type ExperimentSpecInput } from '../../protocol/index.ts';
import {
  affinitySeconds,
  affinityWork,
  GRADTAG_DIM,
  GRADTAG_SAMPLES,
  liveMeasurements,
  splitSize,
  TRUTH_STEPS,
} from '../../shared/affinityCost.ts';
import { referenceSeconds } from '../../shared/affinityReference.ts';
import { useCpuBackend } from '../testing/setup.ts';
import { bruteForceAffinity, gradTagAffinity } from './methods.ts';
import { createAffinitySetup } from './setup.ts';
import { GRADTAG_DEFAULTS } from './gradTag.ts';
import { countMeasurements } from './probe.ts';

beforeAll(useCpuBackend);

const spec = (numSamples: number, batchSize: number): ExperimentSpec =>
  ExperimentSpec.parse({
    seed: 2,
    backend: 'cpu',
    dataset: { kind: 'planted', numTasks: 3, numGroups: 2, inputDim: 3, numSamples },
    model: { kind: 'shared-bottom', hidden: [4] },
    training: { steps: 5, batchSize, validationFraction: 0.3 },
  } satisfies ExperimentSpecInput);

describe('affinity work model', () => {
  it('counts live measurements as the probe takes them', () => {
    for (const optimizer of ['adam', 'sgd'] as const)
      for (const steps of [0, 1, 20, 21, 300])
        for (const affinity of [
          { method: 'lookahead' as const, every: 10 },
          { method: 'cosine' as const, every: 7, skipSteps: 3 },
        ]) {
          const training = ExperimentSpec.parse({ training: { steps: Math.max(steps, 1), optimizer } }).training;
          expect(liveMeasurements(steps, affinity, optimizer)).toBe(countMeasurements(steps, affinity, training));
        }
  });

  it('uses the engine’s Grad-TAG sample count and projection dimension', () => {
    expect(GRADTAG_SAMPLES).toBe(GRADTAG_DEFAULTS.samples);
    expect(GRADTAG_DIM).toBe(GRADTAG_DEFAULTS.projectionDim);
  });

  // 700 rows: 490 training rows (all sampled); 30 rows: a batch larger than the training split.
  it.each([
    [700, 16],
    [30, 64],
  ])('%i samples, batch %i: the estimated passes are the engine’s counted passes', async (numSamples, batchSize) => {
    const s = spec(numSamples, batchSize);
    for (const method of ['gradtag', 'bruteforce'] as const) {
      const setup = createAffinitySetup(s);
      const split = splitSize(numSamples, 0.3);
      expect(split).toEqual({ train: setup.train.size, validation: setup.validation.size });
      const result = method === 'gradtag' ? await gradTagAffinity(setup) : await bruteForceAffinity(setup);
      setup.dispose();
      expect(affinityWork(method, s, 3, split).passes).toBeCloseTo(result.cost.passes, 6);
    }
    expect(tf.memory().numTensors).toBeLessThan(50);
  });

  it('counts by kind, and times each kind from the run’s seconds per step', () => {
    const s = { training: { steps: 100, batchSize: 32 } };
    const split = { train: 1000, validation: 320 };
    // 8 tasks: 8 singles + 28 pairs. Grad-TAG's default evaluation needs no validation pass.
    expect(affinityWork('gradtag', s, 8, split)).toMatchObject({
      trainings: 1,
      steps: 100,
      trainPasses: 3200,
      sampleGradients: 1000 * 8,
      validationPasses: 0,
      passes: 3200 + 8000,
      singles: 8,
      subsets: 36,
    });
    // The truth: θ* (100 steps of 32), then 36 subsets × TRUTH_STEPS full-batch steps of 1000 rows.
    const fineTune = 36 * TRUTH_STEPS;
    expect(affinityWork('bruteforce', s, 8, split)).toMatchObject({
      trainings: 37,
      steps: 100 + fineTune,
      trainPasses: 3200 + fineTune * 1000,
      sampleGradients: 0,
      validationPasses: 36,
    });
    // Truth at 0.01 s per step of 32 rows of a 5000-parameter model: θ*'s steps, then each subset's
    // full-batch steps of 1000 rows and validation pass over 320 rows at the reference's cost of those
    // rows relative to its step of 32.
    const sized = affinityWork('bruteforce', s, 8, split, { numParams: 5000 });
    const reference = referenceSeconds({ numParams: 5000, numTasks: 8, batch: 32 }, 'wasm');
    const perSubset = (fineTune / 36) * reference.stepOf(1000) + reference.forwardOf(320);
    expect(affinitySeconds(sized, 0.01, s, split, 'wasm')).toBeCloseTo(
      0.01 * (100 + (36 * perSubset) / reference.step),
    );
    // A full-batch step of 1000 rows costs more than a step of 32, less than 1000/32 of them.
    expect(reference.stepOf(1000) / reference.step).toBeGreaterThan(2);
    expect(reference.stepOf(1000) / reference.step).toBeLessThan(1000 / 32 / 2);
  });
});
