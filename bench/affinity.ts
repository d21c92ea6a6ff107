// Every affinity method against the brute-force truth on the lab's default example (issue 14):
// `tasklab example planted` with 8, 16 and 40 tasks (2, 4, 5 planted groups), each method with the
// set-up the lab uses by default. Per method: Spearman of the off-diagonal gains vs the truth,
// relative error of the estimated losses (Grad-TAG: same quantity as the truth), within − across
// gap, whether the best k-partition of the symmetrised matrix is the planted one, and passes and
// seconds as a share of the truth's.
// Run: nice -n 10 npx tsx bench/affinity.ts [seed]   (BENCH_N=8,16 to choose sizes; 40 takes hours on 2 cores)
import * as tf from '@tensorflow/tfjs';
import { ExperimentSpec } from '../src/protocol/index.ts';
import { EXAMPLES } from '../src/shared/examples.ts';
import { TRUTH_STEPS } from '../src/shared/affinityCost.ts';
import { initBackend } from '../src/engine/backend.ts';
import { nodeWasmFolder } from '../src/cli/io.ts';
import { createCostMeter } from '../src/engine/affinity/cost.ts';
import { GRADTAG_DEFAULTS } from '../src/engine/affinity/gradTag.ts';
import {
  bruteForceAffinity,
  gradTagAffinity,
  measuredAffinity,
  metaInitialise,
  type AffinityResult,
} from '../src/engine/affinity/methods.ts';
import { relativeFrobeniusError, spearmanOffDiagonal, withinAcrossMeans } from '../src/engine/affinity/scoring.ts';
import { createAffinitySetup } from '../src/engine/affinity/setup.ts';
import { groupTasks } from '../src/engine/grouping/group.ts';
import { solveExhaustive } from '../src/engine/grouping/exhaustive.ts';
import { pct } from '../src/shared/stats.ts';

tf.env().set('PROD', true);
await initBackend('wasm', { wasmPaths: nodeWasmFolder() });
const seed = Number(process.argv[2] ?? 1);
const SIZES: [number, number][] = [
  [8, 2],
  [16, 4],
  [40, 5],
];
const chosen = (process.env.BENCH_N ?? '8,16,40').split(',').map(Number);
const rows: Record<string, string | number>[] = [];

/** Same partition up to the names of the groups. */
function samePartition(a: number[], b: number[]): boolean {
  return a.every((_, i) => a.every((__, j) => (a[i] === a[j]) === (b[i] === b[j])));
}

/** Best k-partition of the symmetrised matrix: exact for n ≤ 10, the SDP above. */
function bestPartition(r: AffinityResult, k: number): number[] {
  const t = { n: r.numTasks, values: Float64Array.from(r.symmetric) };
  return r.numTasks <= 10 ? solveExhaustive(t, k).assignment : groupTasks(t, k, { method: 'sdp' }).assignment;
}

for (const [n, k] of SIZES.filter(([size]) => chosen.includes(size))) {
  const example = EXAMPLES.planted.spec(seed);
  const spec = ExperimentSpec.parse({ ...example, dataset: { ...example.dataset, numTasks: n, numGroups: k } });
  const setup = createAffinitySetup(spec);
  const groups = setup.dataset.plantedGroups!;
  const started = performance.now();
  const metaCost = createCostMeter();
  const meta = await metaInitialise(setup, metaCost);
  const metaSeconds = (performance.now() - started) / 1000;
  const withMeta = (r: AffinityResult) => ({
    passes: r.cost.passes + metaCost.passes(),
    seconds: r.cost.seconds + metaSeconds,
  });
  const truth = await bruteForceAffinity(setup, { meta });
  const truthCost = withMeta(truth);
  const row = (method: string, r: AffinityResult, cost: { passes: number; seconds: number }) => {
    const { within, across } = withinAcrossMeans(r.matrix, groups);
    rows.push({
      n,
      method,
      spearman: r === truth ? '' : spearmanOffDiagonal(r.matrix, truth.matrix, n).toFixed(2),
      'loss rel. error': r.losses && r !== truth ? pct(relativeFrobeniusError(r.losses, truth.losses!), 1) : '',
      'within − across': (within - across).toFixed(4),
      'planted k-partition': samePartition(bestPartition(r, k), groups) ? 'yes' : 'NO',
      'passes %': pct(cost.passes / truthCost.passes, 2),
      'seconds %': pct(cost.seconds / truthCost.seconds, 1),
    });
  };
  row('truth', truth, truthCost);
  const estimate = await gradTagAffinity(setup, { meta });
  row('gradtag', estimate, withMeta(estimate));
  for (const method of ['lookahead', 'cosine'] as const) {
    const measured = await measuredAffinity(setup, { method, every: 10 });
    row(method, measured, measured.cost);
  }
  console.error(`n = ${n} done, truth ${truthCost.seconds.toFixed(0)} s`);
  tf.dispose(meta);
  setup.dispose();
}

console.table(rows);
console.log(
  `Default example, seed ${seed}. Truth: θ* (the spec's steps on all tasks) fine-tuned ${TRUTH_STEPS} full-batch steps on each single task and pair, validation loss.`,
);
console.log(`Grad-TAG: ${JSON.stringify(GRADTAG_DEFAULTS)}. Lookahead/cosine: one run of the spec, every 10 steps.`);
console.log(
  "passes/seconds: share of the truth's cost, both with θ*. loss rel. error: ‖L̂ − L‖/‖L‖ over the per-pair validation losses.",
);
console.log(
  'spearman: off-diagonal gains 1 − L_j({i,j})/L_j({j}) vs the truth. planted k-partition: best partition of the symmetrised matrix into the planted number of groups.',
);
