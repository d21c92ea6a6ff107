// HoME: Hierarchy of Multi-Gate Experts (Wang et al., KDD 2025, arXiv 2408.05430). With the hierarchy
// mask, a first level of meta-category experts (shared within a category) and global experts feeds a
// second level where task τ's gate sees only its own experts, its category's and the global ones.
// Without it, one level of task-specific and shared experts (CGC). Expert normalisation + Swish,
// feature gates and self gates are switches (homeLevel.ts). Regression on `x` → `y`, towers on top.
import * as tf from '@tensorflow/tfjs';
import { runAnswered } from '../hostReads.ts';
import type { HomeSpec } from '../../protocol/index.ts';
import { allTasks, readActivity, type HealthModel } from '../health/healthModel.ts';
import { createHomeLevel, type HomeLevel } from './homeLevel.ts';
import type { MultitaskModel } from './model.ts';
import { createExpertBank, expertVariables, runExperts } from './moe/experts.ts';
import { perTaskMse, perTaskR2 } from '../train/losses.ts';
import type { TensorBatch } from '../train/batches.ts';
import type { Rng } from '../util/random.ts';

export interface HomeOptions extends Omit<HomeSpec, 'kind'> {
  inputDim: number;
  numTasks: number;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** The task level's experts: names, owners, and which candidate input (category c, or the global input) each reads. */
function taskLevelExperts(o: HomeOptions, category: number[], numCategories: number) {
  const t = o.numTasks;
  const categoryIds = o.hierarchyMask ? range(numCategories) : [];
  const experts = [
    ...range(t * o.taskExperts).map((i) => ({
      name: `task${Math.floor(i / o.taskExperts)} own${o.taskExperts > 1 ? ` ${i % o.taskExperts}` : ''}`,
      owners: [Math.floor(i / o.taskExperts)],
      input: category[Math.floor(i / o.taskExperts)],
    })),
    ...categoryIds.flatMap((c) =>
      range(o.categoryExperts).map((j) => ({
        name: `category ${c}${o.categoryExperts > 1 ? `.${j}` : ''}`,
        owners: allTasks(t).filter((task) => category[task] === c),
        input: c,
      })),
    ),
    ...range(o.sharedExperts).map((j) => ({ name: `shared ${j}`, owners: allTasks(t), input: numCategories })),
  ];
  return experts.map((expert) => (o.hierarchyMask ? expert : { ...expert, input: 0 }));
}

export function createHome(options: HomeOptions, rng: Rng): MultitaskModel & HealthModel {
  const { numTasks: t, expertOutput: o } = options;
  const category = options.hierarchyMask
    ? (options.categories ?? new Array<number>(t).fill(0))
    : new Array<number>(t).fill(0);
  if (category.length !== t)
    throw new Error(`HoME: model.categories has ${category.length} entries for ${t} tasks (one category per task)`);
  const numCategories = Math.max(...category) + 1;
  const common = {
    hiddenDim: options.expertHidden,
    outputDim: o,
    depth: options.expertDepth,
    expertNorm: options.expertNorm,
    featureGateRank: options.featureGate ? options.featureGateRank : undefined,
  };

  // Meta level: category experts and global experts on x; one gate per category (its own + global) and a global gate (all).
  let meta: HomeLevel | undefined;
  if (options.hierarchyMask) {
    const owner = [
      ...range(numCategories).flatMap((c) => new Array<number>(options.categoryExperts).fill(c)),
      ...new Array<number>(options.sharedExperts).fill(-1),
    ];
    meta = createHomeLevel(
      {
        ...common,
        inputDim: options.inputDim,
        inputOf: owner.map(() => 0),
        gateInputOf: range(numCategories + 1).map(() => 0),
        visible: range(numCategories + 1).map((c) => owner.map((of) => c === numCategories || of === c || of === -1)),
      },
      rng,
    );
  }
  const experts = taskLevelExperts(options, category, numCategories);
  const taskLevel = createHomeLevel(
    {
      ...common,
      inputDim: meta ? o : options.inputDim,
      inputOf: experts.map((expert) => expert.input),
      gateInputOf: range(t).map((task) => (meta ? category[task] : 0)),
      visible: range(t).map((task) => experts.map((expert) => expert.owners.includes(task))),
      selfVisible: options.selfGate
        ? range(t).map((task) => experts.map((expert) => expert.owners.length === 1 && expert.owners[0] === task))
        : undefined,
    },
    rng,
  );
  const towers = createExpertBank(
    {
      numExperts: t,
      inputDim: o,
      hiddenDim: options.towerHidden,
      outputDim: 1,
      activation: 'relu',
      depth: options.towerDepth,
    },
    rng,
  );

  const forward = (x: tf.Tensor2D) =>
    tf.tidy(() => {
      const n = x.shape[0];
      const input = tf.expandDims(x, 0) as tf.Tensor3D;
      const candidates = meta ? meta.run(input).mixed : input;
      const level = taskLevel.run(candidates);
      const predictions = tf.transpose(tf.reshape(runExperts(towers, level.mixed), [t, n])) as tf.Tensor2D;
      return { predictions, weights: level.weights, hidden: level.hidden, outputs: level.outputs };
    });
  const taskLosses = (batch: TensorBatch) =>
    tf.tidy(() =>
      perTaskMse(
        forward(batch.x as tf.Tensor2D).predictions,
        batch.y as tf.Tensor2D,
        batch.mask as tf.Tensor2D | undefined,
      ),
    );
  const variables = [...(meta?.variables ?? []), ...taskLevel.variables, ...expertVariables(towers)];

  return {
    numTasks: t,
    // Everything below the towers is shared in some way; the towers are each task's own.
    shared: [...(meta?.variables ?? []), ...taskLevel.variables],
    heads: expertVariables(towers),
    taskLosses,
    scoreName: 'R²',
    taskScores: (batch) =>
      tf.tidy(() =>
        perTaskR2(
          forward(batch.x as tf.Tensor2D).predictions,
          batch.y as tf.Tensor2D,
          batch.mask as tf.Tensor2D | undefined,
        ),
      ),
    expertActivity: async (batch) => {
      const tensors = await runAnswered(() =>
        tf.tidy(() => {
          const { hidden, outputs, weights } = forward(batch.x as tf.Tensor2D);
          return { hidden, outputs, gateWeights: weights };
        }),
      );
      return [
        await readActivity(
          { name: 'task level', expertNames: experts.map((e) => e.name), owners: experts.map((e) => e.owners) },
          tensors,
        ),
      ];
    },
    dispose: () => tf.dispose(variables),
  };
}
