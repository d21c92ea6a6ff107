import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { TrainingSpec, parseSpec, type RunEvent } from '../../protocol/index.ts';
import { makePlantedDataset } from '../data/planted.ts';
import { runExperiment } from '../run.ts';
import { createBatchSampler, gatherBatch, toDevice } from '../train/batches.ts';
import { createTrainer } from '../train/trainer.ts';
import { createRng } from '../util/random.ts';
import { branchedParamCount, createBranchedNetwork } from './branched.ts';
import { countParams } from './layers.ts';
import { allVariables } from './model.ts';
import { createSharedBottom } from './sharedBottom.ts';

beforeAll(async () => {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
});

const TREE = [
  [[0, 1, 2, 3, 4, 5]],
  [
    [0, 1, 2],
    [3, 4, 5],
  ],
  [[0, 2], [1], [3, 4, 5]],
];
const data = makePlantedDataset({ numTasks: 6, numGroups: 2, inputDim: 5, numSamples: 128, noise: 0.1, seed: 3 });
const training = TrainingSpec.parse({
  steps: 20,
  batchSize: 32,
  learningRate: 0.01,
  optimizer: 'adam',
  validationFraction: 0.25,
});

describe('branched network', () => {
  it('has one block per tree node and one head per task', () => {
    const net = createBranchedNetwork(
      { inputDim: 5, numTasks: 6, layers: TREE, width: 7, activation: 'relu' },
      createRng(1),
    );
    // Blocks: 1·(5·7 + 7) + 2·(7·7 + 7) + 3·(7·7 + 7) = 42 + 112 + 168; heads: 6·(7 + 1) = 48.
    expect(countParams(allVariables(net))).toBe(42 + 112 + 168 + 48);
    expect(branchedParamCount(5, 6, TREE, 7)).toBe(370);
    expect(net.parents).toEqual([[-1], [0, 0], [0, 0, 1]]);
    net.dispose();
  });

  it('with a single all-task layer matches the shared-bottom MLP of the same width', () => {
    const net = createBranchedNetwork(
      { inputDim: 5, numTasks: 6, layers: [TREE[0]], width: 9, activation: 'relu' },
      createRng(1),
    );
    const mlp = createSharedBottom({ inputDim: 5, numTasks: 6, hidden: [9], activation: 'relu' }, createRng(1));
    expect(countParams(allVariables(net))).toBe(countParams(allVariables(mlp)));
    net.dispose();
    mlp.dispose();
  });

  it('routes each task through its own path only: blocks off the path get zero gradient', () => {
    const net = createBranchedNetwork(
      { inputDim: 5, numTasks: 6, layers: TREE, width: 4, activation: 'tanh' },
      createRng(2),
    );
    const device = toDevice(data);
    const task = 1; // path: root, group 0 of layer 1, group 1 of layer 2
    const offPath = net.blocks[1][1].kernel;
    const onPath = net.blocks[2][1].kernel;
    const grads = tf.variableGrads(
      () => tf.tidy(() => net.taskLosses(device.tensors).gather([task]).sum() as tf.Scalar),
      [offPath, onPath],
    );
    expect(tf.abs(grads.grads[offPath.name]).max().dataSync()[0]).toBe(0);
    expect(tf.abs(grads.grads[onPath.name]).max().dataSync()[0]).toBeGreaterThan(0);
    tf.dispose([grads.value, ...Object.values(grads.grads)]);
    device.dispose();
    net.dispose();
  });

  it('trains without leaking tensors, and frees everything on dispose', () => {
    const baseline = tf.memory().numTensors;
    const net = createBranchedNetwork(
      { inputDim: 5, numTasks: 6, layers: TREE, width: 8, activation: 'relu' },
      createRng(3),
    );
    const trainer = createTrainer(net, training);
    const device = toDevice(data);
    const next = createBatchSampler(device.size, 32, createRng(4));
    const step = () => {
      const batch = gatherBatch(device, next());
      tf.dispose([trainer.step(batch), ...Object.values(batch)]);
    };
    step(); // optimiser slots are created on the first step
    const before = tf.memory().numTensors;
    const first = tf.tidy(() => net.taskLosses(device.tensors).sum().dataSync()[0]);
    for (let i = 0; i < 40; i++) step();
    expect(tf.memory().numTensors).toBe(before);
    const last = tf.tidy(() => net.taskLosses(device.tensors).sum().dataSync()[0]);
    expect(last).toBeLessThan(first);
    trainer.dispose();
    device.dispose();
    net.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('runs through runExperiment from a spec', async () => {
    const events: RunEvent[] = [];
    const done = await runExperiment(
      {
        seed: 2,
        dataset: { kind: 'planted', numTasks: 6, numGroups: 2, inputDim: 5, numSamples: 128 },
        model: { kind: 'branched', layers: TREE, width: 8 },
        training,
      },
      { emit: (e) => events.push(e), keepBackend: true },
    );
    expect(done.stepsRun).toBe(20);
    expect(done.tasks).toHaveLength(6);
    const started = events.find((e) => e.type === 'started');
    expect(started && started.type === 'started' && started.numParams).toBe(branchedParamCount(5, 6, TREE, 8));
  });
});

describe('branched spec validation', () => {
  const spec = (layers: number[][][], numTasks = 4) =>
    parseSpec({ dataset: { kind: 'planted', numTasks }, model: { kind: 'branched', layers } });
  it('accepts a tree and rejects what is not one, naming the place', () => {
    expect(
      spec([
        [[0, 1, 2, 3]],
        [
          [0, 1],
          [2, 3],
        ],
      ]).ok,
    ).toBe(true);
    const merge = spec([
      [
        [0, 1],
        [2, 3],
      ],
      [[0, 2], [1], [3]],
    ]);
    expect(!merge.ok && merge.errors.join()).toMatch(/model\.layers\.1\.0: group 0 of layer 1 mixes tasks/);
    const missing = spec([[[0, 1, 2, 3]], [[0, 1], [2]]]);
    expect(!missing.ok && missing.errors.join()).toMatch(/task 3 is missing from layer 1/);
    const count = spec([[[0, 1, 2]]], 4);
    expect(!count.ok && count.errors.join()).toMatch(/tree covers 3 tasks but dataset.numTasks is 4/);
  });
});
