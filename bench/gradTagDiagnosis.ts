// Diagnosis of Grad-TAG on the default `planted` example (issue 14 item 1): how the estimate's
// agreement with brute-force truth depends on λ, evaluation mode and the truth's horizon.
// Run: npx tsx bench/gradTagDiagnosis.ts [seed]
import * as tf from '@tensorflow/tfjs';
import { ExperimentSpec } from '../src/protocol/index.ts';
import { EXAMPLES } from '../src/shared/examples.ts';
import { initBackend } from '../src/engine/backend.ts';
import { nodeWasmFolder } from '../src/cli/io.ts';
import {
  bruteForceAffinity,
  gradTagAffinity,
  metaInitialise,
  type AffinityResult,
} from '../src/engine/affinity/methods.ts';
import { meanRelativeError, spearmanOffDiagonal, withinAcrossMeans } from '../src/engine/affinity/scoring.ts';
import { createAffinitySetup } from '../src/engine/affinity/setup.ts';
import { TRUTH_STEPS } from '../src/shared/affinityCost.ts';

tf.env().set('PROD', true);
await initBackend('wasm', { wasmPaths: nodeWasmFolder() });
const seed = Number(process.argv[2] ?? 11);
const spec = ExperimentSpec.parse({ ...EXAMPLES.planted.spec(seed), ...JSON.parse(process.env.SPEC_PATCH ?? '{}') });
const setup = createAffinitySetup(spec);
const groups = setup.dataset.plantedGroups!;
const n = setup.model.numTasks;

/** Share of the off-diagonal variance explained by per-column (target) means. */
function columnShare(m: Float32Array) {
  let total = 0,
    cols = 0,
    mean = 0;
  const off: number[] = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) off.push(m[i * n + j]);
  mean = off.reduce((a, b) => a + b, 0) / off.length;
  for (const v of off) total += (v - mean) ** 2;
  for (let j = 0; j < n; j++) {
    let c = 0;
    for (let i = 0; i < n; i++) if (i !== j) c += m[i * n + j];
    c /= n - 1;
    cols += (n - 1) * (c - mean) ** 2;
  }
  return cols / total;
}

const meta = await metaInitialise(setup);
const describe = (label: string, r: AffinityResult, truth?: AffinityResult) => {
  const { within, across } = withinAcrossMeans(r.matrix, groups);
  console.log(
    label.padEnd(40),
    JSON.stringify({
      spearman: truth ? +spearmanOffDiagonal(r.matrix, truth.matrix, n).toFixed(3) : undefined,
      lossMRE: truth ? +meanRelativeError(r.losses!, truth.losses!).toFixed(4) : undefined,
      gap: +(within - across).toFixed(4),
      colShare: +columnShare(r.matrix).toFixed(2),
      passes: Math.round(r.cost.passes),
      s: +r.cost.seconds.toFixed(1),
    }),
  );
};
// The truth's horizons (full batch unless TRUTH_BATCH=spec: the spec's minibatches in one order).
const horizons = (process.env.HORIZONS ?? String(TRUTH_STEPS)).split(',').map(Number);
const batch = process.env.TRUTH_BATCH === 'spec' ? 'spec' : 'full';
const truths: Record<number, AffinityResult> = {};
for (const steps of horizons) {
  truths[steps] = await bruteForceAffinity(setup, { meta, steps, batch });
  describe(`truth ${steps} steps`, truths[steps]);
}
const truth = truths[horizons[0]];
for (const ridge of (process.env.RIDGES ?? '0.01,0.1,1,10').split(',').map(Number)) {
  for (const evaluation of (process.env.EVALS ?? 'linear-train,network,linear').split(',') as (
    'network' | 'linear' | 'linear-train'
  )[]) {
    const r = await gradTagAffinity(setup, { meta, ridge, evaluation, ...JSON.parse(process.env.GRADTAG ?? '{}') });
    describe(`gradtag ridge=${ridge} ${evaluation}`, r, truth);
    for (const steps of horizons.slice(1))
      console.log('   vs truth', steps, spearmanOffDiagonal(r.matrix, truths[steps].matrix, n).toFixed(3));
  }
}
