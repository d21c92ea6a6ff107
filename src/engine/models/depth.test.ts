// Expert and tower depth (issue 18): absent or 1 is the two-layer MLP of before (same numbers),
// deeper banks add hidden → hidden layers and still train, for every model kind that has experts.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ExperimentSpec, type ExperimentSpecInput, type RunEvent } from '../../protocol/index.ts';
import { runExperiment } from '../run.ts';
import { createExpertBank, expertVariables, runExperts } from './moe/experts.ts';
import { createRng } from '../util/random.ts';

beforeAll(async () => {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
});

const dataset = { kind: 'planted', numTasks: 3, numGroups: 1, inputDim: 6, numSamples: 256, noise: 0.1 } as const;
const training = { steps: 30, batchSize: 32, learningRate: 0.01 };

describe('expert bank depth', () => {
  const bank = (depth?: number) =>
    createExpertBank({ numExperts: 3, inputDim: 5, hiddenDim: 7, outputDim: 2, depth }, createRng(11));
  const input = () =>
    tf.tensor3d(
      Array.from({ length: 3 * 4 * 5 }, (_, i) => Math.sin(i)),
      [3, 4, 5],
    );

  it('depth 1 is the two-layer bank: same variables and the same outputs as no depth', () => {
    const [plain, one] = [bank(), bank(1)];
    expect(expertVariables(one).map((v) => v.shape)).toEqual(expertVariables(plain).map((v) => v.shape));
    expect(expertVariables(one)).toHaveLength(4);
    const x = input();
    expect(Array.from(runExperts(one, x).dataSync())).toEqual(Array.from(runExperts(plain, x).dataSync()));
    tf.dispose([x, ...expertVariables(plain), ...expertVariables(one)]);
  });

  it('depth 3 adds two hidden → hidden layers and changes the function', () => {
    const [one, three] = [bank(1), bank(3)];
    expect(expertVariables(three).map((v) => v.shape)).toEqual([
      [3, 5, 7],
      [3, 1, 7],
      [3, 7, 2],
      [3, 1, 2],
      [3, 7, 7],
      [3, 7, 7],
      [3, 1, 7],
      [3, 1, 7],
    ]);
    const x = input();
    const out = runExperts(three, x);
    expect(out.shape).toEqual([3, 4, 2]);
    expect(Array.from(out.dataSync())).not.toEqual(Array.from(runExperts(one, x).dataSync()));
    tf.dispose([x, out, ...expertVariables(one), ...expertVariables(three)]);
  });
});

describe('models with expertDepth / towerDepth', () => {
  const models: ExperimentSpecInput['model'][] = [
    { kind: 'mmoe', expertHidden: 8, expertOutput: 4, towerHidden: 4 },
    { kind: 'ple', numLevels: 1, expertHidden: 8, expertOutput: 4, towerHidden: 4 },
    { kind: 'task-expert', numLayers: 1, width: 8, expertHidden: 8, towerHidden: 4 },
    { kind: 'home', expertHidden: 8, expertOutput: 4, towerHidden: 4 },
  ];
  const run = async (model: ExperimentSpecInput['model']) => {
    let numParams = 0;
    const emit = (e: RunEvent) => void (e.type === 'started' && (numParams = e.numParams));
    const done = await runExperiment(ExperimentSpec.parse({ seed: 5, backend: 'cpu', dataset, model, training }), {
      emit,
      keepBackend: true,
    });
    return { ...done, seconds: 0, numParams };
  };
  for (const model of models) {
    it(`${model!.kind}: depth 1 gives the same numbers as no depth; depth 2 trains to finite, different losses`, async () => {
      const base = await run(model);
      const explicit = await run({ ...model!, towerDepth: 1, expertDepth: 1 } as never);
      expect(explicit).toEqual(base);
      const deep = await run({ ...model!, towerDepth: 2, expertDepth: 2 } as never);
      expect(deep.stepsRun).toBe(training.steps);
      for (const task of deep.tasks) expect(Number.isFinite(task.validationLoss)).toBe(true);
      expect(deep.tasks).not.toEqual(base.tasks);
      expect(deep.numParams).toBeGreaterThan(base.numParams);
    });
  }
});
