import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExperimentSpec } from '../../protocol/index.ts';
import { createGradTagEstimator, type GradTagOptions } from './gradTag.ts';
import { metaInitialise } from './methods.ts';
import { rademacherValues } from './projection.ts';
import { solveRidge } from './ridge.ts';
import { createAffinitySetup, type AffinitySetup } from './setup.ts';

let setup: AffinitySetup;

beforeAll(async () => {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
  // p = 3·2 + 2 + 2·2 + 2 = 14 parameters: small enough to fit without projection.
  const spec = ExperimentSpec.parse({
    seed: 5,
    dataset: { kind: 'planted', numTasks: 2, numGroups: 2, inputDim: 3, numSamples: 256 },
    model: { kind: 'shared-bottom', hidden: [2], activation: 'tanh' },
    training: { steps: 80, batchSize: 32, learningRate: 0.02 },
  });
  setup = createAffinitySetup(spec);
  tf.dispose(await metaInitialise(setup));
});

afterAll(() => setup.dispose());

async function estimate(options: GradTagOptions, subset: number[]) {
  const estimator = await createGradTagEstimator(setup, {
    samples: 96,
    ridge: 0.05,
    evaluation: 'network',
    ...options,
  });
  try {
    return Array.from(await estimator.estimateSubsetLosses(subset));
  } finally {
    estimator.dispose();
  }
}

describe('Grad-TAG projection and fit', () => {
  it('solveRidge solves a hand-checked 2×2 system', () => {
    // (A + I) x = b with A = [[3, 1], [1, 2]] → [[4, 1], [1, 3]] x = [5, 4] → x = [1, 1].
    const x = solveRidge(Float64Array.of(3, 1, 1, 2), Float64Array.of(5, 4), 1);
    expect(x[0]).toBeCloseTo(1, 10);
    expect(x[1]).toBeCloseTo(1, 10);
  });

  it('the Rademacher projection is ±1/√d and reproducible from its seed', () => {
    const a = rademacherValues(50, 16, 7);
    expect(Array.from(a)).toEqual(Array.from(rademacherValues(50, 16, 7)));
    expect(Array.from(a)).not.toEqual(Array.from(rademacherValues(50, 16, 8)));
    expect(new Set(a)).toEqual(new Set([0.25, -0.25]));
    const positive = a.filter((v) => v > 0).length / a.length;
    expect(positive).toBeGreaterThan(0.4);
    expect(positive).toBeLessThan(0.6);
  });

  it('the same seed gives the same estimate; another seed a different one', async () => {
    const first = await estimate({ projectionDim: 12, seed: 3 }, [0, 1]);
    expect(await estimate({ projectionDim: 12, seed: 3 }, [0, 1])).toEqual(first);
    expect(await estimate({ projectionDim: 12, seed: 4 }, [0, 1])).not.toEqual(first);
  });

  it('the estimate moves the loss (the fit is not trivially zero) and converges to the unprojected one as d grows', async () => {
    const exact = await estimate({ projection: 'identity' }, [0, 1]);
    const base = await estimate({ projection: 'identity', ridge: 1e9 }, [0, 1]); // λ → ∞: θ* itself
    expect(Math.abs(exact[0] - base[0]) / base[0]).toBeGreaterThan(0.01);
    // Mean relative deviation from the unprojected fit over four projection seeds. The estimate
    // depends on P only through PPᵀ, whose eigenvalues lie within ~2√(p/d) of 1, so the error
    // shrinks like 1/√d (slowly: d must be many times p).
    const error = async (d: number) => {
      let sum = 0;
      for (const seed of [1, 2, 3, 4]) {
        const projected = await estimate({ projectionDim: d, seed }, [0, 1]);
        for (let k = 0; k < 2; k++) sum += Math.abs(projected[k] - exact[k]) / exact[k];
      }
      return sum / 8;
    };
    const errors = [await error(14), await error(112), await error(896)];
    console.log('projection error by d (14, 112, 896):', errors);
    expect(errors[1]).toBeLessThan(errors[0]);
    expect(errors[2]).toBeLessThan(errors[1]);
    expect(errors[2]).toBeLessThan(errors[0] / 3);
    expect(errors[2]).toBeLessThan(0.02);
  });
});
