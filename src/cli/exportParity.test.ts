// The exported models are the lab's, piece by piece: started from the lab's initial weights and fed the
// lab's batches, train.py's per-step task losses (GNN encoders, message passing, decoders, masked
// losses; HoME's levels and gates; TaskExpert's memory; Adam, schedule, clipping, decay) equal the lab
// trainer's to float32 rounding.
import * as tf from '@tensorflow/tfjs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeDataset } from '../engine/data/index.ts';
import { splitDataset } from '../engine/data/dataset.ts';
import { createModel } from '../engine/models/index.ts';
import { allVariables } from '../engine/models/model.ts';
import { createBatchSampler, gatherBatch, toDevice } from '../engine/train/batches.ts';
import { createTrainer } from '../engine/train/trainer.ts';
import { createRng, deriveSeed } from '../engine/util/random.ts';
import { parseSpec, type ExperimentSpecInput } from '../protocol/index.ts';
import { python } from './pythonTesting.ts';
import { runCli, tempDir } from './testing.ts';

const CHECK = fileURLToPath(new URL('../../python/check_parity.py', import.meta.url));
const STEPS = 12;

let dir: string;
beforeAll(async () => {
  await tf.setBackend('cpu');
  dir = await tempDir('parity');
});

/** The lab's initial weights, batches and per-step losses (before each update) for `spec`. */
function labRun(input: ExperimentSpecInput) {
  const parsed = parseSpec(input);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  const spec = parsed.spec;
  const dataset = makeDataset(spec.dataset, spec.seed, { validationFraction: spec.training.validationFraction });
  const { train } = splitDataset(dataset, spec.training.validationFraction);
  const model = createModel(spec.model, dataset, createRng(deriveSeed(spec.seed, 'model/init')));
  const variables = allVariables(model).map((v) => ({ shape: v.shape, values: Array.from(v.dataSync()) }));
  const data = toDevice(train);
  const nextBatch = createBatchSampler(
    train.numSamples,
    spec.training.batchSize,
    createRng(deriveSeed(spec.seed, 'batches')),
  );
  const trainer = createTrainer(model, spec.training);
  const batches: number[][] = [];
  const losses: number[][] = [];
  for (let step = 0; step < STEPS; step++) {
    const rows = nextBatch();
    batches.push(Array.from(rows));
    const batch = gatherBatch(data, rows);
    const stepLosses = trainer.step(batch);
    losses.push(Array.from(stepLosses.dataSync()));
    tf.dispose([stepLosses, ...Object.values(batch)]);
  }
  trainer.dispose();
  model.dispose();
  data.dispose();
  return { variables, batches, losses };
}

const clrs = { kind: 'clrs-lite' as const, numGraphs: 60, numNodes: [5, 8] as [number, number] };
const training = { steps: STEPS, batchSize: 8, learningRate: 0.01 };

const planted = { kind: 'planted' as const, numTasks: 4, numGroups: 2, numSamples: 96, inputDim: 6 };

describe('exported train.py vs the lab, from the same weights and batches', () => {
  const cases: [string, ExperimentSpecInput][] = [
    [
      'attention, branched, all settings',
      {
        dataset: clrs,
        model: {
          kind: 'gnn',
          hidden: 8,
          layers: 2,
          tree: [
            [
              [0, 1, 2, 3],
              [4, 5, 6],
            ],
            [
              [0, 1],
              [2, 3],
              [4, 5, 6],
            ],
          ],
        },
        training: { ...training, schedule: 'cosine', warmupSteps: 3, weightDecay: 0.1, gradClipNorm: 1 },
      },
    ],
    ['max', { dataset: clrs, model: { kind: 'gnn', hidden: 8, layers: 2, aggregation: 'max' }, training }],
    [
      'mean, momentum',
      {
        dataset: clrs,
        model: { kind: 'gnn', hidden: 8, layers: 1, aggregation: 'mean' },
        training: { ...training, optimizer: 'momentum' },
      },
    ],
    [
      'shared-bottom, all settings',
      {
        dataset: planted,
        model: { kind: 'shared-bottom', hidden: [8, 8] },
        training: { ...training, schedule: 'cosine', warmupSteps: 3, weightDecay: 0.1, gradClipNorm: 1 },
      },
    ],
    [
      'MMoE with top-k gates and their aux losses',
      {
        dataset: planted,
        model: {
          kind: 'mmoe',
          numExperts: 3,
          expertHidden: 8,
          expertOutput: 4,
          towerHidden: 4,
          gate: 'topk',
          k: 2,
          balanceWeight: 0.1,
          zLossWeight: 0.01,
        },
        training,
      },
    ],
    [
      'PLE, 2 levels',
      {
        dataset: planted,
        model: {
          kind: 'ple',
          numLevels: 2,
          taskExperts: 1,
          sharedExperts: 2,
          expertHidden: 8,
          expertOutput: 4,
          towerHidden: 4,
          activation: 'gelu',
        },
        training: { ...training, optimizer: 'momentum' },
      },
    ],
    [
      'branched',
      {
        dataset: planted,
        model: {
          kind: 'branched',
          width: 8,
          layers: [
            [[0, 1, 2, 3]],
            [
              [0, 1],
              [2, 3],
            ],
            [[0], [1], [2, 3]],
          ],
        },
        training,
      },
    ],
    [
      'HoME, every switch on',
      {
        dataset: planted,
        model: {
          kind: 'home',
          categories: [0, 0, 1, 1],
          taskExperts: 2,
          expertHidden: 8,
          expertOutput: 4,
          towerHidden: 4,
        },
        training,
      },
    ],
    [
      'HoME, deeper experts (every layer normalised)',
      {
        dataset: planted,
        model: {
          kind: 'home',
          categories: [0, 0, 1, 1],
          expertDepth: 2,
          expertHidden: 8,
          expertOutput: 4,
          towerHidden: 4,
        },
        training,
      },
    ],
    [
      'HoME as CGC',
      {
        dataset: planted,
        model: {
          kind: 'home',
          hierarchyMask: false,
          expertNorm: false,
          featureGate: false,
          expertHidden: 8,
          expertOutput: 4,
          towerHidden: 4,
        },
        training: { ...training, optimizer: 'sgd' },
      },
    ],
    [
      'TaskExpert, all settings',
      {
        dataset: planted,
        model: {
          kind: 'task-expert',
          numLayers: 3,
          numExperts: 3,
          width: 8,
          expertHidden: 8,
          towerHidden: 4,
          activation: 'gelu',
        },
        training: { ...training, schedule: 'cosine', warmupSteps: 3, weightDecay: 0.1, gradClipNorm: 1 },
      },
    ],
    [
      'MMoE, deeper experts and towers',
      {
        dataset: planted,
        model: {
          kind: 'mmoe',
          numExperts: 2,
          expertHidden: 8,
          expertOutput: 4,
          towerHidden: 4,
          expertDepth: 3,
          towerDepth: 2,
        },
        training,
      },
    ],
    [
      'TaskExpert without memory',
      {
        dataset: planted,
        model: { kind: 'task-expert', memory: false, width: 8, expertHidden: 8, towerHidden: 4 },
        training,
      },
    ],
  ];
  it.each(cases)(
    "%s: every step's task losses agree",
    async (name, spec) => {
      const project = join(dir, name.replaceAll(/\W+/g, '-'));
      const specPath = `${project}.json`;
      await writeFile(specPath, JSON.stringify(spec));
      expect((await runCli('export', specPath, '--to', 'pytorch', '--out', project)).code).toBe(0);
      const lab = labRun(spec);
      const labPath = join(project, 'lab.json');
      await writeFile(labPath, JSON.stringify(lab));
      const exported = JSON.parse(await python([CHECK, project, labPath], project)) as number[][];
      expect(exported).toHaveLength(STEPS);
      let worst = 0;
      exported.forEach((row, step) =>
        row.forEach(
          (loss, t) =>
            (worst = Math.max(
              worst,
              Math.abs(loss - lab.losses[step][t]) / Math.max(1e-3, Math.abs(lab.losses[step][t])),
            )),
        ),
      );
      console.info(`${name}: largest relative difference of a step's task loss ${worst.toExponential(2)}`);
      expect(worst).toBeLessThan(1e-3);
    },
    60_000,
  );
});
