// Grad-TAG or brute-force affinity for a spec, in the job worker: built from the same dataset,
// model and seeds as the spec's run, so the matrix compares with the run's live lookahead/cosine.
import * as tf from '@tensorflow/tfjs';
import type { AffinityProgress, JobInputs, JobResults } from '../../protocol/jobs.ts';
import { affinityWork, createJobPace, type OnDemandMethod } from '../../shared/affinityCost.ts';
import type { JobContext } from './context.ts';
import { startJobBackend } from './startBackend.ts';
import { parseSpec } from '../../protocol/index.ts';
import { bruteForceAffinity, gradTagAffinity } from '../affinity/methods.ts';
import { GRADTAG_DEFAULTS } from '../affinity/gradTag.ts';
import { allVariables } from '../models/model.ts';
import { countParams } from '../models/layers.ts';
import { createAffinitySetup, type AffinitySetup } from '../affinity/setup.ts';
import { makeDataset } from '../data/index.ts';
import { DatasetError } from '../data/table/fromSpec.ts';

export async function affinityJob(
  input: JobInputs['affinity'],
  context: JobContext<'affinity'>,
): Promise<JobResults['affinity']> {
  const parsed = parseSpec(input.spec);
  if (!parsed.ok) throw new Error(`Invalid experiment spec:\n${parsed.errors.join('\n')}`);
  const spec = parsed.spec;
  let dataset;
  try {
    dataset = makeDataset(spec.dataset, spec.seed, { validationFraction: spec.training.validationFraction });
  } catch (error) {
    if (error instanceof DatasetError) throw new Error(error.message);
    throw error;
  }
  // Any model kind runs on WebGPU (its host reads are answered in advance); only data over a buffer limit falls back.
  await startJobBackend(spec, dataset, context);

  const setup = createAffinitySetup(spec, dataset);
  try {
    const onProgress = paced(input.method, setup, context.progress);
    const result =
      input.method === 'gradtag'
        ? await gradTagAffinity(setup, { onProgress })
        : await bruteForceAffinity(setup, { onProgress });
    return {
      method: input.method,
      tasks: result.tasks,
      matrix: Array.from(result.matrix),
      cost: { passes: Math.round(result.cost.passes), seconds: result.cost.seconds },
      ...(result.plantedGroups ? { plantedGroups: result.plantedGroups } : {}),
    };
  } finally {
    setup.dispose();
  }
}

/** Adds the job's own time estimate (src/shared/affinityCost.ts createJobPace) to its progress reports. */
function paced(method: OnDemandMethod, setup: AffinitySetup, report: (progress: AffinityProgress) => void) {
  const split = { train: setup.train.size, validation: setup.validation.size };
  const pace = createJobPace(
    affinityWork(method, setup.spec, setup.model.numTasks, split, {
      numParams: countParams(allVariables(setup.model)),
      dim: GRADTAG_DEFAULTS.projectionDim,
    }),
    setup.spec,
    split,
    tf.getBackend(),
  );
  const started = performance.now();
  return (progress: AffinityProgress) => {
    const now = performance.now();
    const estimatedSeconds = pace(progress, now);
    report(
      estimatedSeconds === undefined
        ? progress
        : { ...progress, estimatedSeconds, elapsedSeconds: (now - started) / 1000 },
    );
  };
}
