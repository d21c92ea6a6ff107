import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLRS_TASKS, ExperimentSpec, TrainingSpec, type ExperimentSpecInput } from '../../protocol/index.ts';
import { trivialBaselines } from '../data/clrsBaselines.ts';
import { graphTasksOf, makeClrsLiteDataset } from '../data/clrsLite.ts';
import { splitDataset } from '../data/dataset.ts';
import { makeDataset } from '../data/index.ts';
import { runExperiment } from '../run.ts';
import { createBatchSampler, gatherBatch, toDevice } from '../train/batches.ts';
import { createTrainer } from '../train/trainer.ts';
import { createRng } from '../util/random.ts';
import { createGnn } from './gnn.ts';
import type { Aggregation } from './gnnProcessor.ts';

beforeAll(async () => {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
});

const smallData = () =>
  makeClrsLiteDataset({
    numGraphs: 32,
    numNodes: [4, 7],
    edgeProbability: [0.2, 0.5],
    connectedFraction: 0.5,
    tasks: [...CLRS_TASKS],
    seed: 5,
  });

describe('gnn on CLRS-lite', () => {
  // Small graphs, two rounds, a few seconds of cpu: enough to beat every trivial baseline clearly.
  // Denser graphs than the example keep MST and shortest-path-tree edges from being nearly all "in".
  const spec: ExperimentSpecInput = {
    seed: 3,
    backend: 'cpu',
    dataset: {
      kind: 'clrs-lite',
      numGraphs: 400,
      numNodes: [5, 8],
      edgeProbability: [0.2, 0.5],
      connectedFraction: 0.2,
    },
    model: { kind: 'gnn', hidden: 24, layers: 2, aggregation: 'attention' },
    training: { steps: 200, batchSize: 16, learningRate: 0.005, validationFraction: 0.25 },
  };

  it('learns every task above a trivial baseline', async () => {
    const parsed = ExperimentSpec.parse(spec);
    const data = makeDataset(parsed.dataset, parsed.seed);
    const baselines = trivialBaselines(splitDataset(data, parsed.training.validationFraction).validation);
    const done = await runExperiment(spec, { emit: () => {}, keepBackend: true });
    const tasks = graphTasksOf(data);
    done.tasks.forEach((result, t) => {
      const margin = tasks[t].output === 'regression' ? 0.5 : 0.03; // R² above 0.5; accuracy 3 points above the majority answer
      expect(
        result.validationScore,
        `${result.name}: ${result.validationScore} vs baseline ${baselines[t]}`,
      ).toBeGreaterThan(baselines[t] + margin);
    });
  }, 180_000); // about 11 s of cpu time; the limit only guards against a machine shared by many jobs

  it('splits its variables into a shared trunk and one head per task', () => {
    const data = smallData();
    const tasks = graphTasksOf(data);
    const model = createGnn({ tasks, hidden: 8, layers: 2, aggregation: 'attention' }, createRng(1));
    const device = toDevice(data);
    try {
      const headIndex = new Map(model.heads.map((v, i) => [v.name, i]));
      const ownHeads = tasks.map((_, t) => {
        const { value, grads } = tf.variableGrads(
          () => tf.tidy(() => tf.gather(model.taskLosses(device.tensors), t).asScalar()),
          [...model.shared, ...model.heads],
        );
        const touched = Object.entries(grads)
          .filter(([, g]) => tf.tidy(() => tf.max(tf.abs(g)).dataSync()[0]) > 0)
          .map(([name]) => name);
        tf.dispose([value, ...Object.values(grads)]);
        // A task's loss moves most of the trunk…
        expect(touched.filter((name) => !headIndex.has(name)).length).toBeGreaterThan(model.shared.length / 2);
        return touched
          .filter((name) => headIndex.has(name))
          .map((name) => headIndex.get(name)!)
          .sort((a, b) => a - b);
      });
      // …and one head of its own: the head variables split into one contiguous block per task, in task order.
      for (const own of ownHeads) expect(own.length).toBeGreaterThan(0);
      expect(ownHeads.flat()).toEqual(model.heads.map((_, i) => i));
    } finally {
      device.dispose();
      model.dispose();
    }
  });

  it.each(['attention', 'mean', 'max'] as Aggregation[])(
    '%s: trains without leaking tensors and is seeded',
    (aggregation) => {
      const data = smallData();
      const train = (seed: number) => {
        const model = createGnn({ tasks: graphTasksOf(data), hidden: 8, layers: 2, aggregation }, createRng(seed));
        const trainer = createTrainer(model, TrainingSpec.parse({ learningRate: 0.01 }));
        const device = toDevice(data);
        const next = createBatchSampler(device.size, 8, createRng(2));
        const losses: number[][] = [];
        const counts: number[] = [];
        for (let step = 0; step < 12; step++) {
          const batch = gatherBatch(device, next());
          const stepLosses = trainer.step(batch);
          losses.push(Array.from(stepLosses.dataSync()));
          tf.dispose([stepLosses, ...Object.values(batch)]);
          const scores = model.taskScores(device.tensors);
          scores.dispose();
          counts.push(tf.memory().numTensors);
        }
        trainer.dispose();
        device.dispose();
        model.dispose();
        return { losses, counts };
      };
      const before = tf.memory().numTensors;
      const first = train(1);
      // Adam creates its moment slots on the first step; after that the count must stay flat.
      expect(new Set(first.counts.slice(1)).size).toBe(1);
      expect(tf.memory().numTensors).toBe(before);
      expect(first.losses.flat().every(Number.isFinite)).toBe(true);
      expect(train(1).losses).toEqual(first.losses);
      expect(train(2).losses[0]).not.toEqual(first.losses[0]);
    },
  );
});
