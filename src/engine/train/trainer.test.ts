import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { TrainingSpec, type ExperimentSpec } from '../../protocol/index.ts';
import type { MultitaskModel } from '../models/model.ts';
import { learningRateAt } from './schedule.ts';
import { createTrainer } from './trainer.ts';

/** One task whose loss is Σ (w − target)²: the gradient is 2(w − target), known by hand. */
function quadraticModel(start: number[], target: number[]): MultitaskModel & { w: tf.Variable } {
  const w = tf.variable(tf.tensor1d(start));
  const t = tf.tensor1d(target);
  return {
    w,
    numTasks: 1,
    shared: [w],
    heads: [],
    scoreName: 'R²',
    taskLosses: () => tf.sum(tf.square(tf.sub(w, t))).reshape([1]) as tf.Tensor1D,
    taskScores: () => tf.zeros([1]) as tf.Tensor1D,
    dispose: () => tf.dispose([w, t]),
  };
}

/** w after `steps` steps of the trainer from `start`. */
function train(training: Partial<ExperimentSpec['training']>, start: number[], target: number[], steps = 1): number[] {
  const model = quadraticModel(start, target);
  const trainer = createTrainer(model, TrainingSpec.parse({ optimizer: 'sgd', learningRate: 0.1, ...training }));
  for (let s = 0; s < steps; s++) trainer.step({}).dispose();
  const w = Array.from(model.w.dataSync());
  trainer.dispose();
  model.dispose();
  return w;
}

describe('learningRateAt', () => {
  const base = { learningRate: 1, steps: 10, warmupSteps: 0, schedule: 'constant' as const };
  it('warms up linearly, then holds or decays along a cosine', () => {
    expect([0, 1, 2, 3, 4].map((s) => learningRateAt({ ...base, warmupSteps: 4 }, s))).toEqual([0.25, 0.5, 0.75, 1, 1]);
    const cosine = { ...base, schedule: 'cosine' as const, warmupSteps: 2 };
    expect(learningRateAt(cosine, 2)).toBeCloseTo(1);
    expect(learningRateAt(cosine, 6)).toBeCloseTo(0.5); // halfway through the 8 decay steps
    expect(learningRateAt(cosine, 9)).toBeCloseTo(0.5 * (1 + Math.cos((Math.PI * 7) / 8)));
    expect(learningRateAt(cosine, 9)).toBeGreaterThan(0);
  });
});

describe('createTrainer', () => {
  it('plain SGD takes w − lr·∇', () => {
    // ∇ = 2(1 − 0) = 2 per coordinate → 1 − 0.1·2 = 0.8
    expect(train({}, [1, 1], [0, 0])[0]).toBeCloseTo(0.8);
  });

  it('applies the warm-up to the optimiser (SGD and Adam)', () => {
    // warm-up over 4 steps: the first step uses lr/4
    expect(train({ warmupSteps: 4 }, [1, 1], [0, 0])[0]).toBeCloseTo(1 - 0.025 * 2);
    // Adam's first step moves each weight by ≈ its learning rate, whatever the gradient's size
    expect(train({ optimizer: 'adam', warmupSteps: 4 }, [1, 1], [0, 0])[0]).toBeCloseTo(1 - 0.025, 4);
    expect(train({ optimizer: 'adam' }, [1, 1], [0, 0])[0]).toBeCloseTo(1 - 0.1, 4);
  });

  it('clips the global gradient norm', () => {
    // ∇ = (6, 8), norm 10; clipped to norm 1 → (0.6, 0.8); step 0.1 of it
    const clipped = train({ gradClipNorm: 1 }, [3, 4], [0, 0]);
    expect(clipped[0]).toBeCloseTo(3 - 0.06);
    expect(clipped[1]).toBeCloseTo(4 - 0.08);
    // a norm under the limit is left alone
    expect(train({ gradClipNorm: 100 }, [3, 4], [0, 0])[0]).toBeCloseTo(3 - 0.6);
  });

  it('decays weights by lr·weightDecay after the update', () => {
    // SGD: 0.8, then × (1 − 0.1·0.5)
    expect(train({ weightDecay: 0.5 }, [1, 1], [0, 0])[0]).toBeCloseTo(0.8 * 0.95);
  });

  it('leaks no tensors from step to step with every option on', () => {
    const model = quadraticModel([1, 2], [0, 0]);
    const trainer = createTrainer(
      model,
      TrainingSpec.parse({
        optimizer: 'momentum',
        schedule: 'cosine',
        warmupSteps: 2,
        gradClipNorm: 1,
        weightDecay: 0.1,
        steps: 8,
      }),
    );
    const counts: number[] = [];
    for (let s = 0; s < 8; s++) {
      trainer.step({}).dispose();
      counts.push(tf.memory().numTensors);
    }
    trainer.dispose();
    model.dispose();
    // the optimiser's state appears on the first step; after that nothing accumulates
    expect(new Set(counts.slice(1)).size).toBe(1);
  });
});
