// Grad-TAG vs brute-force truth on planted clusters, n = 8 and n = 16 tasks (issue 4):
// cost as a fraction of brute force (passes and seconds) and error against the truth, with the
// cheap online measures (lookahead, cosine) alongside. Run: npx tsx bench/affinity.ts
//
// Truth = ALGORITHMS.md §3.1 with subsets = every single task and every pair: the multitask
// meta-initialisation θ* (STEPS steps on all tasks) fine-tuned on each subset for FINE_TUNE
// steps. Both the truth and Grad-TAG include the meta-initialisation's cost.
import * as tf from '@tensorflow/tfjs';
import { ExperimentSpec } from '../src/protocol/index.ts';
import { createCostMeter } from '../src/engine/affinity/cost.ts';
import { bruteForceAffinity, gradTagAffinity, measuredAffinity, metaInitialise, type AffinityResult } from '../src/engine/affinity/methods.ts';
import { meanRelativeError, relativeFrobeniusError, spearmanOffDiagonal, withinAcrossMeans } from '../src/engine/affinity/scoring.ts';
import { createAffinitySetup } from '../src/engine/affinity/setup.ts';
import { pct } from '../src/shared/stats.ts';

tf.env().set('PROD', true);
await tf.setBackend('cpu');

// Default settings keep the bench near 2–3 minutes on 2 cores; AFFINITY_BENCH=large uses longer
// training and more Grad-TAG samples (about 5 minutes, more accurate estimates).
const LARGE = process.env.AFFINITY_BENCH === 'large';
const STEPS = LARGE ? 600 : 400;
const FINE_TUNE = LARGE ? 150 : 100;
const GRADTAG = LARGE ? { samples: 512, projectionDim: 400, ridge: 0.1 } : { samples: 384, projectionDim: 200, ridge: 0.1 };
const rows: Record<string, string | number>[] = [];

for (const n of [8, 16]) {
  const spec = ExperimentSpec.parse({
    seed: 1,
    dataset: { kind: 'planted', numTasks: n, numGroups: 2, inputDim: 8, numSamples: 640, noise: 0.1 },
    // A narrow trunk, so tasks of different groups compete for it (ALGORITHMS §6.1).
    model: { kind: 'shared-bottom', hidden: [16], activation: 'tanh' },
    training: { steps: STEPS, batchSize: 32, learningRate: 0.01 },
  });
  const setup = createAffinitySetup(spec);
  const groups = setup.dataset.plantedGroups!;
  const started = performance.now();
  const metaCost = createCostMeter();
  const meta = metaInitialise(setup, metaCost);
  const metaSeconds = (performance.now() - started) / 1000;
  const withMeta = (r: AffinityResult) => ({ passes: r.cost.passes + metaCost.passes(), seconds: r.cost.seconds + metaSeconds });

  const truth = await bruteForceAffinity(setup, { meta, steps: FINE_TUNE });
  const truthCost = withMeta(truth);
  const indicator = Float32Array.from({ length: n * n }, (_, k) => (groups[Math.floor(k / n)] === groups[k % n] ? 1 : 0));
  const row = (method: string, r: AffinityResult, cost: { passes: number; seconds: number }) => {
    const { within, across } = withinAcrossMeans(r.matrix, groups);
    rows.push({
      n,
      method,
      'passes %': pct(cost.passes / truthCost.passes, 2),
      // What the method adds once θ* exists (the multitask model one trains anyway).
      'extra passes %': method.startsWith('gradtag') ? pct(r.cost.passes / truth.cost.passes, 2) : '',
      'seconds %': pct(cost.seconds / truthCost.seconds, 2),
      'loss MRE': r.losses ? pct(meanRelativeError(r.losses, truth.losses!), 2) : '',
      'gain rel-F': r.losses ? pct(relativeFrobeniusError(r.matrix, truth.matrix), 2) : '',
      spearman: spearmanOffDiagonal(r.matrix, truth.matrix, n).toFixed(3),
      'within>across': within > across ? 'yes' : 'NO',
    });
  };
  row('truth (brute force)', truth, truthCost);
  rows.push({ n, method: '(planted blocks vs truth)', spearman: spearmanOffDiagonal(indicator, truth.matrix, n).toFixed(3) });
  const estimate = await gradTagAffinity(setup, { meta, ...GRADTAG });
  row(`gradtag d=${GRADTAG.projectionDim}`, estimate, withMeta(estimate));
  for (const method of ['lookahead', 'cosine'] as const) {
    const measured = await measuredAffinity(setup, { method, every: 10 });
    row(method, measured, measured.cost);
  }
  tf.dispose(meta);
  setup.dispose();
}

console.table(rows);
console.log(`Truth: θ* (${STEPS} steps on all tasks) fine-tuned ${FINE_TUNE} steps on each single task and pair.`);
console.log(`Grad-TAG: ${JSON.stringify(GRADTAG)}, network evaluation. Lookahead/cosine: one ${STEPS}-step run, every 10 steps.`);
console.log('passes/seconds: fraction of the truth\'s cost (both include θ*); extra passes: both without θ*.');
console.log('Loss MRE: mean |L̂ − L|/L over the');
console.log('per-subset validation losses. spearman: rank correlation of the off-diagonal gains 1 − L_j({i,j})/L_j({j}).');
