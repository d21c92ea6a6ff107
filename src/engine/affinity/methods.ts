// Whole-spec affinity computations, one per method, with their cost: what the CLI prints and
// the benchmark compares. Lookahead and cosine are measured during one ordinary training run;
// Grad-TAG and brute force start from a meta-initialisation or a fixed initialisation.
import * as tf from '@tensorflow/tfjs';
import type { AffinitySpec, ExperimentSpec } from '../../protocol/index.ts';
import type { AffinityProgress } from '../../protocol/jobs.ts';
import { allVariables } from '../models/model.ts';
import { createBatchSampler, gatherBatch } from '../train/batches.ts';
import { createTrainer } from '../train/trainer.ts';
import { createRng, deriveSeed } from '../util/random.ts';
import { createCostMeter, type Cost } from './cost.ts';
import { bruteForceCost, TRUTH_STEPS } from '../../shared/affinityCost.ts';
import { createGradTagEstimator, type GradTagOptions } from './gradTag.ts';
import { symmetrise } from './lookahead.ts';
import { createAffinityProbe, defaultSkipSteps } from './probe.ts';
import { RunError } from '../runError.ts';
import { allPairs, pairwiseAffinity, sampleSubsets, singletons, type SubsetLosses } from './subsets.ts';
import { assignValues, snapshotValues } from './taskGradients.ts';
import { createAffinitySetup, datasetOf, trainTasks, validationLosses, type AffinitySetup } from './setup.ts';
import type { MakeDatasetOptions } from '../data/index.ts';

export type AffinityMethod = 'lookahead' | 'cosine' | 'gradtag' | 'bruteforce';

export interface AffinityResult {
  method: AffinityMethod;
  tasks: string[];
  numTasks: number;
  /** Row-major [source, target], raw (asymmetric for all but cosine). */
  matrix: Float32Array;
  /** (matrix + matrixᵀ)/2, for methods that need a symmetric similarity (ALGORITHMS §1.4). */
  symmetric: Float32Array;
  /** Per-subset methods: losses[i, j] = loss of target j trained with source i; diagonal alone. */
  losses?: Float32Array;
  /** Cosine: fraction of measurements with negative cosine. */
  conflictRate?: Float32Array;
  cost: Cost;
  plantedGroups?: number[];
}

const timer = () => {
  const start = performance.now();
  return () => (performance.now() - start) / 1000;
};

/** Lookahead or cosine, measured during one normal training run of the spec. */
export async function measuredAffinity(setup: AffinitySetup, affinity: AffinitySpec): Promise<AffinityResult> {
  const seconds = timer();
  const { spec, model } = setup;
  const trainer = createTrainer(model, spec.training);
  const probe = createAffinityProbe(model, affinity, spec.training);
  const nextBatch = createBatchSampler(
    setup.train.size,
    spec.training.batchSize,
    createRng(deriveSeed(spec.seed, 'batches')),
  );
  let trainPasses = 0;
  try {
    for (let step = 0; step < spec.training.steps; step++) {
      const indices = nextBatch();
      const batch = gatherBatch(setup.train, indices);
      await probe.measure(step, batch);
      trainer.step(batch, undefined, await trainer.answerReads(batch)).dispose();
      tf.dispose(Object.values(batch));
      trainPasses += indices.length;
    }
    const matrix = await probe.read();
    if (!matrix) {
      const skip = defaultSkipSteps(affinity, spec.training);
      throw new RunError(
        `no affinity measurement: training.steps is ${spec.training.steps} but measurements start at step ${skip} (affinity.skipSteps)`,
      );
    }
    return {
      method: affinity.method,
      tasks: setup.dataset.taskNames,
      numTasks: model.numTasks,
      matrix,
      symmetric: symmetrise(matrix, model.numTasks),
      conflictRate: affinity.method === 'cosine' ? ((await probe.readConflictRate()) ?? undefined) : undefined,
      cost: { passes: trainPasses + probe.passes(), seconds: seconds() },
      plantedGroups: setup.dataset.plantedGroups,
    };
  } finally {
    probe.dispose();
    trainer.dispose();
  }
}

/** Step 1 of Grad-TAG: the multitask model trained on all tasks from θ_0; returns θ*. */
export async function metaInitialise(
  setup: AffinitySetup,
  cost = createCostMeter(),
  onStep?: (done: number) => void,
): Promise<tf.Tensor[]> {
  assignValues(allVariables(setup.model), setup.initial);
  await trainTasks(setup, { steps: setup.spec.training.steps, batchSeed: 'batches', cost, onStep });
  return snapshotValues(allVariables(setup.model));
}

export interface SubsetPlan {
  /** Subset size α; 2 (all pairs, unless `count` is given) by default. */
  size?: number;
  /** Number of sampled subsets m; all pairs when absent and size is 2. */
  count?: number;
  seed?: number;
  /** Called as each of the three stages advances (see AffinityProgress). */
  onProgress?(progress: AffinityProgress): void;
}

export function planSubsets(n: number, plan: SubsetPlan, specSeed: number): number[][] {
  const size = plan.size ?? 2;
  if (size === 2 && plan.count === undefined) return allPairs(n);
  const count = plan.count ?? 10 * n;
  return sampleSubsets(n, size, count, createRng(plan.seed ?? deriveSeed(specSeed, 'affinity/subsets')));
}

/** Reports stage `stage` of 3: once at 0, then `advance(done)` as it goes; steps more often than 1 % apart are skipped. */
function stageReporter(stage: number, label: string, total: number, onProgress?: (progress: AffinityProgress) => void) {
  let reported = 0;
  const report = (done: number) => onProgress?.({ stage, stages: 3, label, done, total });
  report(0);
  return (done: number) => {
    if (done < total && done - reported < total / 100) return;
    reported = done;
    report(done);
  };
}

/** θ* (stage 1), unless one is given (then stage 1 is reported done at once). */
async function metaStage(
  setup: AffinitySetup,
  cost: ReturnType<typeof createCostMeter>,
  options: { meta?: tf.Tensor[]; onProgress?: SubsetPlan['onProgress'] },
) {
  const steps = setup.spec.training.steps;
  const advance = stageReporter(1, 'training θ* on all tasks', steps, options.onProgress);
  if (options.meta) {
    advance(steps);
    return options.meta;
  }
  return await metaInitialise(setup, cost, advance);
}

export interface GradTagRun extends GradTagOptions, SubsetPlan {
  /** θ* already computed (e.g. shared with a brute-force run); its cost is then not counted. */
  meta?: tf.Tensor[];
}

export async function gradTagAffinity(setup: AffinitySetup, options: GradTagRun = {}): Promise<AffinityResult> {
  const seconds = timer();
  const cost = createCostMeter();
  const meta = await metaStage(setup, cost, options);
  assignValues(allVariables(setup.model), meta);
  let gradients: ((done: number) => void) | undefined;
  const onGradients = (done: number, total: number) =>
    (gradients ??= stageReporter(2, 'per-sample gradients', total, options.onProgress))(done);
  const estimator = await createGradTagEstimator(setup, options, cost, onGradients);
  try {
    const n = setup.model.numTasks;
    const subsets = planSubsets(n, options, setup.spec.seed);
    const advance = stageReporter(3, 'single tasks and subsets', n + subsets.length, options.onProgress);
    let done = 0;
    const singles = new Float32Array(n);
    for (const [t] of singletons(n)) {
      singles[t] = (await estimator.estimateSubsetLosses([t]))[0];
      advance(++done);
    }
    const results: SubsetLosses[] = [];
    for (const subset of subsets) {
      results.push({ subset, losses: await estimator.estimateSubsetLosses(subset) });
      advance(++done);
    }
    const { matrix, losses } = pairwiseAffinity(n, results, singles);
    return {
      method: 'gradtag',
      tasks: setup.dataset.taskNames,
      numTasks: n,
      matrix,
      symmetric: symmetrise(matrix, n),
      losses,
      cost: { passes: cost.passes(), seconds: seconds() },
      plantedGroups: setup.dataset.plantedGroups,
    };
  } finally {
    estimator.dispose();
    if (!options.meta) tf.dispose(meta);
  }
}

export interface BruteForceRun extends SubsetPlan {
  /** Start of every subset's training: θ* fine-tuned (ALGORITHMS §3.1, default) or θ_0 from scratch. */
  init?: 'meta' | 'scratch';
  /** Training steps per subset; TRUTH_STEPS by default. */
  steps?: number;
  /**
   * `full` (default): every step on all training rows, so the truth does not depend on a data order;
   * `spec`: the spec's minibatches in one seeded order (two orders rank the pairs differently).
   */
  batch?: 'full' | 'spec';
  meta?: tf.Tensor[];
}

/**
 * What a pairwise brute force would cost before running it (the CLI refuses above a limit):
 * 1 meta-initialisation + n singles + n(n−1)/2 pairs.
 */
export function estimateBruteForceCost(spec: ExperimentSpec, numTasks: number, steps = TRUTH_STEPS) {
  return bruteForceCost(spec, numTasks, steps);
}

/** True losses: actually train every single task and every subset from the same start. */
export async function bruteForceAffinity(setup: AffinitySetup, options: BruteForceRun = {}): Promise<AffinityResult> {
  const seconds = timer();
  const cost = createCostMeter();
  const init = options.init ?? 'meta';
  const start = init === 'scratch' ? setup.initial : await metaStage(setup, cost, options);
  const variables = allVariables(setup.model);
  const steps = options.steps ?? TRUTH_STEPS;
  const batchSize = options.batch === 'spec' ? undefined : setup.train.size;
  const n = setup.model.numTasks;
  const train = async (subset: number[]) => {
    assignValues(variables, start);
    await trainTasks(setup, { tasks: subset, steps, batchSeed: 'affinity/subset', batchSize, cost });
    const losses = await validationLosses(setup, cost);
    return Float32Array.from(subset, (t) => losses[t]);
  };
  try {
    const subsets = planSubsets(n, options, setup.spec.seed);
    const singlesDone = stageReporter(2, 'training each task alone', n, options.onProgress);
    const singles = new Float32Array(n);
    for (const [t] of singletons(n)) {
      singles[t] = (await train([t]))[0];
      singlesDone(t + 1);
    }
    const subsetsDone = stageReporter(3, 'training each subset', subsets.length, options.onProgress);
    const results: SubsetLosses[] = [];
    for (const subset of subsets) {
      results.push({ subset, losses: await train(subset) });
      subsetsDone(results.length);
    }
    const { matrix, losses } = pairwiseAffinity(n, results, singles);
    return {
      method: 'bruteforce',
      tasks: setup.dataset.taskNames,
      numTasks: n,
      matrix,
      symmetric: symmetrise(matrix, n),
      losses,
      cost: { passes: cost.passes(), seconds: seconds() },
      plantedGroups: setup.dataset.plantedGroups,
    };
  } finally {
    if (init === 'meta' && !options.meta) tf.dispose(start);
  }
}

/** Runs one method on a parsed spec (the CLI's entry point). */
export async function computeAffinity(
  spec: ExperimentSpec,
  method: AffinityMethod,
  options: GradTagRun & BruteForceRun & { every?: number; tables?: MakeDatasetOptions['tables'] } = {},
): Promise<AffinityResult> {
  const setup = createAffinitySetup(spec, datasetOf(spec, options.tables));
  try {
    if (method === 'lookahead' || method === 'cosine') {
      return await measuredAffinity(setup, {
        ...spec.affinity,
        method,
        every: options.every ?? spec.affinity?.every ?? 10,
      });
    }
    return method === 'gradtag' ? await gradTagAffinity(setup, options) : await bruteForceAffinity(setup, options);
  } finally {
    setup.dispose();
  }
}
