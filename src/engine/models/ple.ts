// Progressive Layered Extraction (Tang et al., RecSys 2020; ALGORITHMS.md Part 2 §3.8): each level
// has task-specific experts and shared experts. Task τ's gate mixes its own experts and the shared
// ones; a shared gate mixes all experts into the shared path of the next level. Towers on top.
import * as tf from '@tensorflow/tfjs';
import { runAnswered } from '../hostReads.ts';
import { variableFrom, type Activation } from './layers.ts';
import type { GatedMultitaskModel } from './mmoe.ts';
import { createExpertBank, expertVariables, runExperts, runExpertsWithHidden, type ExpertBank } from './moe/experts.ts';
import { allTasks, readActivity, type HealthModel } from '../health/healthModel.ts';
import { applyTaskGates, type TaskGateOptions } from './moe/taskGates.ts';
import { perTaskMse, perTaskR2 } from '../train/losses.ts';
import type { TensorBatch } from '../train/batches.ts';
import { normalArray, type Rng } from '../util/random.ts';
import { addAll } from '../util/addAll.ts';

export interface PleOptions extends TaskGateOptions {
  inputDim: number;
  numTasks: number;
  numLevels: number;
  /** Experts owned by each task, per level. */
  taskExperts: number;
  sharedExperts: number;
  expertHidden: number;
  expertOutput: number;
  towerHidden: number;
  expertDepth?: number;
  towerDepth?: number;
  activation: Activation;
}

interface Level {
  taskBank: ExpertBank; // T·n_t experts, task τ owns τ·n_t … (τ+1)·n_t − 1
  sharedBank: ExpertBank;
  taskGates: tf.Variable; // [T, in, n_t + n_s]
  sharedGate?: tf.Variable; // [in, T·n_t + n_s], all levels but the last
}

const levelVariables = (level: Level) => [
  ...expertVariables(level.taskBank),
  ...expertVariables(level.sharedBank),
  level.taskGates,
  ...(level.sharedGate ? [level.sharedGate] : []),
];

export function createPle(options: PleOptions, rng: Rng): GatedMultitaskModel & HealthModel {
  const { numTasks: t, taskExperts: nt, sharedExperts: ns, expertOutput: o, activation } = options;
  const levels: Level[] = Array.from({ length: options.numLevels }, (_, l) => {
    const inputDim = l === 0 ? options.inputDim : o;
    const bank = (count: number) =>
      createExpertBank(
        {
          numExperts: count,
          inputDim,
          hiddenDim: options.expertHidden,
          outputDim: o,
          activation,
          depth: options.expertDepth,
        },
        rng,
      );
    const last = l === options.numLevels - 1;
    return {
      taskBank: bank(t * nt),
      sharedBank: bank(ns),
      taskGates: variableFrom(tf.tensor3d(normalArray(rng, t * inputDim * (nt + ns), 0.02), [t, inputDim, nt + ns])),
      sharedGate: last
        ? undefined
        : variableFrom(tf.tensor2d(normalArray(rng, inputDim * (t * nt + ns), 0.02), [inputDim, t * nt + ns])),
    };
  });
  const towers = createExpertBank(
    { numExperts: t, inputDim: o, hiddenDim: options.towerHidden, outputDim: 1, activation, depth: options.towerDepth },
    rng,
  );

  /** One level: task inputs [T, N, in] and shared input [N, in] → new ones, plus the last task gates and aux. */
  const runLevel = (level: Level, taskIn: tf.Tensor3D, sharedIn: tf.Tensor2D) => {
    const n = sharedIn.shape[0];
    const inDim = sharedIn.shape[1];
    const perExpertIn = tf.reshape(tf.broadcastTo(tf.expandDims(taskIn, 1), [t, nt, n, inDim]), [
      t * nt,
      n,
      inDim,
    ]) as tf.Tensor3D;
    const own = runExpertsWithHidden(level.taskBank, perExpertIn);
    const taskOut = tf.reshape(own.out, [t, nt, n, o]);
    const shared = runExpertsWithHidden(
      level.sharedBank,
      tf.broadcastTo(tf.expandDims(sharedIn, 0), [ns, n, inDim]) as tf.Tensor3D,
    );
    const sharedOut = shared.out; // [n_s, N, o]
    const candidates = tf.concat([taskOut, tf.broadcastTo(tf.expandDims(sharedOut, 0), [t, ns, n, o])], 1); // [T, n_t+n_s, N, o]
    const taskGate = applyTaskGates(tf.matMul(taskIn, level.taskGates as tf.Tensor3D) as tf.Tensor3D, options); // [T, N, n_t+n_s]
    const mixed = tf.sum(
      tf.mul(candidates, tf.expandDims(tf.transpose(taskGate.weights, [0, 2, 1]), 3)),
      1,
    ) as tf.Tensor3D; // [T, N, o]
    let nextShared = sharedIn;
    let aux = taskGate.aux;
    if (level.sharedGate) {
      const sharedGate = applyTaskGates(
        tf.expandDims(tf.matMul(sharedIn, level.sharedGate as tf.Tensor2D), 0) as tf.Tensor3D,
        options,
      );
      const all = tf.concat([tf.reshape(taskOut, [t * nt, n, o]), sharedOut], 0); // [T·n_t + n_s, N, o]
      nextShared = tf.sum(
        tf.mul(all, tf.expandDims(tf.transpose(tf.squeeze(sharedGate.weights, [0])), 2)),
        0,
      ) as tf.Tensor2D;
      aux = tf.add(aux, sharedGate.aux) as tf.Scalar;
    }
    // For expert health: every expert of the level (task τ's own at τ·n_t + j, then the shared ones).
    const hidden = tf.concat([own.hidden, shared.hidden], 0);
    const outputs = tf.concat([own.out, sharedOut], 0);
    return { taskOut: mixed, sharedOut: nextShared, gateWeights: taskGate.weights, aux, hidden, outputs };
  };

  /** Task gate weights [T, N, n_t + n_s] spread over all experts of a level [T, N, T·n_t + n_s]. */
  const globalGateWeights = (weights: tf.Tensor3D) => {
    const n = weights.shape[1];
    const ownParts = tf.split(tf.slice(weights, [0, 0, 0], [t, n, nt]), t, 0);
    const blocks = ownParts.map((part, task) =>
      tf.concat([tf.zeros([1, n, task * nt]), part, tf.zeros([1, n, (t - task - 1) * nt])], 2),
    );
    return tf.concat([tf.concat(blocks, 0), tf.slice(weights, [0, 0, nt], [t, n, ns])], 2);
  };

  const forward = (x: tf.Tensor2D) =>
    tf.tidy(() => {
      const n = x.shape[0];
      let taskIn = tf.broadcastTo(tf.expandDims(x, 0), [t, n, x.shape[1]]) as tf.Tensor3D;
      let sharedIn = x;
      let last!: ReturnType<typeof runLevel>;
      const auxTerms: tf.Scalar[] = [];
      for (const level of levels) {
        last = runLevel(level, taskIn, sharedIn);
        taskIn = last.taskOut;
        sharedIn = last.sharedOut;
        auxTerms.push(last.aux);
      }
      const predictions = tf.transpose(tf.reshape(runExperts(towers, taskIn), [t, n])) as tf.Tensor2D;
      return {
        predictions,
        gateWeights: last.gateWeights,
        hidden: last.hidden,
        outputs: last.outputs,
        aux: tf.div(addAll(auxTerms), levels.length) as tf.Scalar,
      };
    });

  const lossesWithAux = (batch: TensorBatch) => {
    const { predictions, gateWeights, hidden, outputs, aux } = forward(batch.x as tf.Tensor2D);
    const taskLosses = perTaskMse(predictions, batch.y as tf.Tensor2D, batch.mask as tf.Tensor2D | undefined);
    tf.dispose([predictions, gateWeights, hidden, outputs]);
    return { taskLosses, auxLoss: aux };
  };
  const sharedVars = levels.flatMap((level) => [
    ...expertVariables(level.sharedBank),
    ...(level.sharedGate ? [level.sharedGate] : []),
  ]);
  const headVars = [
    ...levels.flatMap((level) => [...expertVariables(level.taskBank), level.taskGates]),
    ...expertVariables(towers),
  ];

  return {
    numTasks: t,
    shared: sharedVars,
    heads: headVars,
    taskLosses: (batch) => tf.tidy(() => lossesWithAux(batch).taskLosses),
    lossesWithAux,
    scoreName: 'R²',
    taskScores: (batch) =>
      tf.tidy(() =>
        perTaskR2(
          forward(batch.x as tf.Tensor2D).predictions,
          batch.y as tf.Tensor2D,
          batch.mask as tf.Tensor2D | undefined,
        ),
      ),
    /** Last level's task gates: [T, N, n_t + n_s], own experts first, then the shared ones. */
    gateWeights: (batch) => tf.tidy(() => forward(batch.x as tf.Tensor2D).gateWeights),
    /** The last level's experts: each task's own, then the shared ones. */
    expertActivity: async (batch) => {
      const tensors = await runAnswered(() =>
        tf.tidy(() => {
          const out = forward(batch.x as tf.Tensor2D);
          return { hidden: out.hidden, outputs: out.outputs, gateWeights: globalGateWeights(out.gateWeights) };
        }),
      );
      const ownNames = Array.from(
        { length: t * nt },
        (_, i) => `task${Math.floor(i / nt)} own${nt > 1 ? ` ${i % nt}` : ''}`,
      );
      const owners = [
        ...ownNames.map((_, i) => [Math.floor(i / nt)]),
        ...Array.from({ length: ns }, () => allTasks(t)),
      ];
      const names = [...ownNames, ...Array.from({ length: ns }, (_, i) => `shared ${i}`)];
      return [await readActivity({ name: `level ${levels.length}`, expertNames: names, owners }, tensors)];
    },
    dispose: () => tf.dispose([...levels.flatMap(levelVariables), ...expertVariables(towers)]),
  };
}
