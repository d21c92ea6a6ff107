// Grad-TAG or brute-force affinity for a spec, in the job worker: built from the same dataset,
// model and seeds as the spec's run, so the matrix compares with the run's live lookahead/cosine.
import type { JobInputs, JobResults } from '../../protocol/jobs.ts';
import type { JobContext } from './context.ts';
import { parseSpec } from '../../protocol/index.ts';
import { bruteForceAffinity, gradTagAffinity } from '../affinity/methods.ts';
import { createAffinitySetup } from '../affinity/setup.ts';
import { initBackend } from '../backend.ts';
import { makeDataset } from '../data/index.ts';
import { DatasetError } from '../data/table/fromSpec.ts';

export async function affinityJob(input: JobInputs['affinity'], context: JobContext<'affinity'>): Promise<JobResults['affinity']> {
  const parsed = parseSpec(input.spec);
  if (!parsed.ok) throw new Error(`Invalid experiment spec:\n${parsed.errors.join('\n')}`);
  const spec = parsed.spec;
  await initBackend(spec.backend, { wasmPaths: context.wasmPaths }, { model: spec.model });
  let dataset;
  try {
    dataset = makeDataset(spec.dataset, spec.seed, { validationFraction: spec.training.validationFraction });
  } catch (error) {
    if (error instanceof DatasetError) throw new Error(error.message);
    throw error;
  }
  const setup = createAffinitySetup(spec, dataset);
  try {
    const onProgress = context.progress;
    const result = input.method === 'gradtag' ? await gradTagAffinity(setup, { onProgress }) : await bruteForceAffinity(setup, { onProgress });
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
