// How reproducible is the brute-force truth, and which Grad-TAG variant ranks pairs like it (issue 14)?
// On the default planted example: the truth in R data orders, read at several fine-tuning horizons
// (CHECK, plus 'min' = each task's best checkpoint), self-Spearman between orders (1 vs 1, and the
// mean of one half vs the other), then Grad-TAG variants (VARIANTS, JSON) against the mean truth.
// FULL=1: full-batch fine-tuning (every order gives the same truth; use R=1).
// Run: FULL=1 R=1 CHECK=25,50 nice -n 10 npx tsx bench/truthReproducibility.ts [seed]
// Measured (seed 1, spec minibatches, R=4): 1-order self-Spearman 0.53 at 300 steps, halves 0.63;
// 0.00–0.70 at 25–250 steps. Grad-TAG at 300: network −0.17, linear −0.38, linear-train −0.03.
import * as tf from '@tensorflow/tfjs';
import { ExperimentSpec } from '../src/protocol/index.ts';
import { EXAMPLES } from '../src/shared/examples.ts';
import { initBackend } from '../src/engine/backend.ts';
import { nodeWasmFolder } from '../src/cli/io.ts';
import { gradTagAffinity, metaInitialise } from '../src/engine/affinity/methods.ts';
import { spearmanOffDiagonal, withinAcrossMeans } from '../src/engine/affinity/scoring.ts';
import { createAffinitySetup, trainTasks } from '../src/engine/affinity/setup.ts';
import { allPairs, pairwiseAffinity, singletons } from '../src/engine/affinity/subsets.ts';
import { allVariables } from '../src/engine/models/model.ts';
import { assignValues } from '../src/engine/affinity/taskGradients.ts';

tf.env().set('PROD', true);
await initBackend('wasm', { wasmPaths: nodeWasmFolder() });
const seed = Number(process.argv[2] ?? 1);
const R = Number(process.env.R ?? 4);
const CHECK = (process.env.CHECK ?? '25,50,75,100,125,150,200,250,300').split(',').map(Number);
const base = EXAMPLES.planted.spec(seed);
const spec = ExperimentSpec.parse({ ...base, ...JSON.parse(process.env.SPEC_PATCH ?? '{}') });
const setup = createAffinitySetup(spec);
const FULL = process.env.FULL === '1';
const groups = setup.dataset.plantedGroups!;
const n = setup.model.numTasks;
const t0 = performance.now();
const meta = await metaInitialise(setup);
const variables = allVariables(setup.model);
const subsets = [...singletons(n), ...allPairs(n)];
// losses[r][c][s] = per-task losses of subset s after CHECK[c] steps with data order r
const losses: Float32Array[][][] = [];
for (let r = 0; r < R; r++) {
  const perCheck: Float32Array[][] = CHECK.map(() => []);
  for (const subset of subsets) {
    assignValues(variables, meta);
    let c = 0;
    await trainTasks(setup, {
      tasks: subset,
      batchSize: FULL ? setup.train.size : undefined,
      steps: CHECK[CHECK.length - 1],
      batchSeed: r === 0 ? 'affinity/subset' : `affinity/subset/${r}`,
      onStep: (done) => {
        if (done !== CHECK[c]) return;
        const t = tf.tidy(() => setup.model.taskLosses(setup.validation.tensors));
        const l = t.dataSync();
        t.dispose();
        perCheck[c++].push(Float32Array.from(subset, (task) => l[task]));
      },
    });
  }
  perCheck.push(
    perCheck[0].map((_, s) => Float32Array.from(perCheck[0][s], (_, k) => Math.min(...perCheck.map((pc) => pc[s][k])))),
  );
  losses.push(perCheck);
  console.error(`order ${r} done ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}
const matrixOf = (rs: number[], c: number) => {
  const mean = (s: number) =>
    Float32Array.from(losses[0][c][s], (_, k) => rs.reduce((a, r) => a + losses[r][c][s][k], 0) / rs.length);
  const singles = Float32Array.from({ length: n }, (_, t) => mean(t)[0]);
  return pairwiseAffinity(
    n,
    subsets.slice(n).map((subset, k) => ({ subset, losses: mean(n + k) })),
    singles,
  ).matrix;
};
const all = Array.from({ length: R }, (_, r) => r);
const half = Math.floor(R / 2);
const gap = (m: Float32Array) => {
  const { within, across } = withinAcrossMeans(m, groups);
  return +(within - across).toFixed(4);
};
const truths: Float32Array[] = [];
for (let c = 0; c <= CHECK.length; c++) {
  const a = matrixOf(all.slice(0, Math.max(half, 1)), c),
    b = matrixOf(all.slice(half), c);
  truths[c] = matrixOf(all, c);
  const single = R > 1 ? spearmanOffDiagonal(matrixOf([0], c), matrixOf([1], c), n) : NaN;
  console.log(
    `truth ${CHECK[c] ?? 'min'} steps: self-Spearman 1 order ${single.toFixed(3)}, ${half}-order halves ${spearmanOffDiagonal(a, b, n).toFixed(3)}, gap ${gap(truths[c])}`,
  );
}
const variants = JSON.parse(
  process.env.VARIANTS ??
    '[{"ridge":0.1},{"ridge":1},{"ridge":0.1,"evaluation":"linear"},{"ridge":1,"evaluation":"linear"},{"ridge":0.01,"evaluation":"linear-train"},{"ridge":0.1,"evaluation":"linear-train"}]',
);
for (const v of variants) {
  const r = await gradTagAffinity(setup, { meta, ...v });
  console.log(
    'gradtag',
    JSON.stringify(v),
    'gap',
    gap(r.matrix),
    [...CHECK, 'min'].map((c, k) => `${c}:${spearmanOffDiagonal(r.matrix, truths[k], n).toFixed(2)}`).join(' '),
    `${r.cost.seconds.toFixed(0)}s`,
  );
}
