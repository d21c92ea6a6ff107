// Grad-TAG against the brute-force truth on the lab's default example (`tasklab example planted`:
// 8 tasks, 2 planted groups, 64-64 ReLU trunk, Adam), both with their default set-ups (issue 14).
// Cut down to stay under a minute (wasm backend): fewer samples, a shorter θ* and truth horizon;
// the model, optimiser and task structure are the example's. The thresholds are the ones reached
// (Spearman 0.554 here at d = 1000, 0.47 at the former d = 400; 0.55–0.62 at full size on seeds 1–3,
// short of the 0.7); they fail if the estimate stops ranking pairs like the truth, or falls
// back to d = 400's quality. At this size the best 2-partition of the estimate misplaces one task (at
// full size it is the planted one: bench/affinity.ts), so it is not asserted.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExperimentSpec } from '../../protocol/index.ts';
import { EXAMPLES } from '../../shared/examples.ts';
import { nodeWasmFolder } from '../../cli/io.ts';
import { initBackend } from '../backend.ts';
import { bruteForceAffinity, gradTagAffinity, metaInitialise, type AffinityResult } from './methods.ts';
import { spearmanOffDiagonal, withinAcrossMeans } from './scoring.ts';
import { createAffinitySetup, type AffinitySetup } from './setup.ts';

const example = EXAMPLES.planted.spec(1);
const spec = ExperimentSpec.parse({
  ...example,
  dataset: { ...example.dataset, numSamples: 480 },
  training: { ...example.training, steps: 150 },
});

let setup: AffinitySetup;
let meta: tf.Tensor[];
let truth: AffinityResult;
let estimate: AffinityResult;

beforeAll(async () => {
  tf.env().set('PROD', true);
  await initBackend('wasm', { wasmPaths: nodeWasmFolder() });
  setup = createAffinitySetup(spec);
  meta = await metaInitialise(setup);
  truth = await bruteForceAffinity(setup, { meta, steps: 30 });
  estimate = await gradTagAffinity(setup, { meta });
}, 300_000);

afterAll(() => {
  tf.dispose(meta);
  setup.dispose();
});

describe('Grad-TAG vs truth on the default planted example', () => {
  it('ranks pairs like the truth, puts within-group pairs above across-group ones, at a fraction of the cost', () => {
    const groups = setup.dataset.plantedGroups!;
    const rank = spearmanOffDiagonal(estimate.matrix, truth.matrix, 8);
    const truthGap = withinAcrossMeans(truth.matrix, groups);
    const estimateGap = withinAcrossMeans(estimate.matrix, groups);
    console.log('default example: Grad-TAG vs truth', {
      rank,
      truthGap,
      estimateGap,
      passes: estimate.cost.passes / truth.cost.passes,
    });
    expect(truthGap.within).toBeGreaterThan(truthGap.across);
    expect(estimateGap.within).toBeGreaterThan(estimateGap.across);
    expect(rank).toBeGreaterThan(0.5);
    expect(estimate.cost.passes).toBeLessThan(0.05 * truth.cost.passes);
  });
});
