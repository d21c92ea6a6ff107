// The on-demand affinity's cost estimate (what the affinity view promises before it starts) against
// the measured time, stage by stage, side by side in one run on one backend (wasm by default, as the
// lab's jobs run without a GPU). The estimate uses only what the page knows: the run's measured
// seconds per step, the spec and the split sizes. Beside it, the job's own pace (createJobPace: θ* timed
// by the job itself, then stage by stage), read once a tenth of θ* is done, when θ* ends and half-way
// through the last stage. `--load N` runs N busy threads during the calibration run only, as a run made
// under load would be timed. Grad-TAG runs at each d of DIMS (default: the lab's, GRADTAG_DIM).
// Run: nice -n 10 npx tsx bench/affinityCost.ts [wasm|cpu] [--load N]   (DIMS=400,1000 to compare)
import { Worker } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { ExperimentSpec, type ExperimentSpecInput } from '../src/protocol/index.ts';
import { bruteForceAffinity, gradTagAffinity } from '../src/engine/affinity/methods.ts';
import { allVariables } from '../src/engine/models/model.ts';
import { countParams } from '../src/engine/models/layers.ts';
import { createAffinitySetup } from '../src/engine/affinity/setup.ts';
import { runExperiment } from '../src/engine/run.ts';
import { nodeWasmFolder } from '../src/cli/io.ts';
import { EXAMPLES } from '../src/shared/examples.ts';
import { previousSeconds } from './affinityCostPrevious.ts';
import {
  affinitySeconds,
  affinityWork,
  createJobPace,
  GRADTAG_DIM,
  runStepUnits,
  splitSize,
  stageSeconds,
  type OnDemandMethod,
} from '../src/shared/affinityCost.ts';

const args = process.argv.slice(2);
const backend = (args.find((a) => a === 'wasm' || a === 'cpu') ?? 'wasm') as 'wasm' | 'cpu';
const load = args.includes('--load') ? Number(args[args.indexOf('--load') + 1]) : 0;
const dims = (process.env.DIMS ?? String(GRADTAG_DIM)).split(',').map(Number);

/** N threads spinning until stopped: the machine under load while the calibration run is timed. */
function busyThreads(n: number) {
  const workers = Array.from({ length: n }, () => new Worker('for (;;) {}', { eval: true }));
  return () => Promise.all(workers.map((w) => w.terminate()));
}
tf.env().set('PROD', true);
setWasmPaths(nodeWasmFolder());
await tf.setBackend(backend);
await tf.ready();

const planted = (numTasks: number, hidden: number[], numSamples: number, steps: number, batchSize = 64) => ({
  dataset: { kind: 'planted' as const, numTasks, numSamples },
  model: { kind: 'shared-bottom' as const, hidden },
  training: { steps, batchSize },
});

// Trunks of 16-16 (small), 64-64 (the default example's) and 128-128 (wide); 4, 8 and 12 tasks.
const SETUPS: [string, ExperimentSpecInput, OnDemandMethod][] = [
  ['planted default (8 tasks, 64-64, batch 64)', EXAMPLES.planted.spec(1), 'gradtag'],
  ['4 tasks, 64-64, 256 samples, 100 steps', planted(4, [64, 64], 256, 100), 'gradtag'],
  ['small: 4 tasks, 16-16, batch 32', planted(4, [16, 16], 2048, 300, 32), 'gradtag'],
  ['wide: 12 tasks, 128-128, batch 128', planted(12, [128, 128], 4096, 200, 128), 'gradtag'],
  ['truth: planted default', EXAMPLES.planted.spec(1), 'bruteforce'],
  ['truth: 4 tasks, 64-64, 512 samples, 60 steps', planted(4, [64, 64], 512, 60), 'bruteforce'],
  ['truth: small 4 tasks, 16-16, batch 32', planted(4, [16, 16], 2048, 300, 32), 'bruteforce'],
  ['truth: wide 6 tasks, 128-128, 1024 samples, batch 128', planted(6, [128, 128], 1024, 200, 128), 'bruteforce'],
];

const fmt = (x: number) => x.toFixed(2);

/** Steps per second of a run of `spec`, as its last progress event says (what the page keeps). */
async function timeSteps(spec: ExperimentSpec) {
  let stepsPerSecond = 0;
  await runExperiment(spec, {
    emit: (e) => void (e.type === 'progress' && (stepsPerSecond = e.stepsPerSecond)),
    keepBackend: true,
  });
  return stepsPerSecond;
}
// One untimed run first: the process's first run pays the backend's start-up, which would fall on
// whichever set-up came first.
await runExperiment(ExperimentSpec.parse({ ...EXAMPLES.planted.spec(1), backend }), {
  emit: () => {},
  keepBackend: true,
});
console.log(`backend ${backend}; ${load} busy threads during the calibration run`);
console.log(
  'set-up | s/step (run before, after the job) | stages measured s (θ*, 2nd, 3rd) | stages estimated s | estimate s (run speed) | own pace: 10 % of θ*, θ* end, half of stage 3 | measured s | measured / estimate: run speed, own pace ×3 | measured / estimate at mean speed before and after | per stage (2nd, 3rd) | previous model: estimate s, measured / estimate | work: p, gradients, projection MMAC, fit MMAC',
);
for (const [name, input, method] of SETUPS) {
  const spec = ExperimentSpec.parse({ ...input, backend });
  const stopLoad = busyThreads(load);
  const stepsPerSecond = await timeSteps(spec);
  await stopLoad();
  const numTasks = 'numTasks' in spec.dataset ? spec.dataset.numTasks : 0;
  const split = splitSize('numSamples' in spec.dataset ? spec.dataset.numSamples : 0, spec.training.validationFraction);
  const secondsPerStep = 1 / stepsPerSecond;
  for (const dim of method === 'gradtag' ? dims : [0]) {
    const setup = createAffinitySetup(spec);
    const numParams = countParams(allVariables(setup.model));
    const work = affinityWork(method, spec, numTasks, split, { numParams, dim });
    const estimate = affinitySeconds(work, secondsPerStep, spec, split, backend);
    const estimatedStages = stageSeconds(work, secondsPerStep, spec, split, backend);
    const stageStart = new Map<number, number>();
    const started = performance.now();
    const pace = createJobPace(work, spec, { train: setup.train.size, validation: setup.validation.size }, backend);
    const own: { early?: number; end?: number; late?: number } = {};
    const onProgress = (p: { stage: number; done: number; total: number }) => {
      const now = performance.now();
      if (!stageStart.has(p.stage)) stageStart.set(p.stage, now);
      const total = pace(p, now);
      if (p.stage === 1 && total !== undefined) {
        if (own.early === undefined && p.done >= p.total / 10) own.early = total;
        own.end = total;
      }
      if (p.stage === 3 && own.late === undefined && p.done >= p.total / 2) own.late = total;
    };
    const result =
      method === 'gradtag'
        ? await gradTagAffinity(setup, { onProgress, projectionDim: dim })
        : await bruteForceAffinity(setup, { onProgress });
    const ended = performance.now();
    setup.dispose();
    // The same run timed again after the job: where the machine's load moved during the job, the two
    // differ, and the estimate at their mean speed shows the model's error apart from that drift.
    const secondsPerStepAfter = 1 / (await timeSteps(spec));
    const bracketed = affinitySeconds(work, (secondsPerStep + secondsPerStepAfter) / 2, spec, split, backend);
    const marks = [1, 2, 3].map((s) => stageStart.get(s)!);
    const stages = marks.map((m, i) => ((marks[i + 1] ?? ended) - m) / 1000);
    const measured = (ended - started) / 1000;
    const stageRatios = [1, 2].map((i) => fmt(stages[i] / estimatedStages[i])).join(', ');
    const previous = previousSeconds(work, secondsPerStep, spec, split, backend);
    const counts = [numParams, work.sampleGradients, work.projectionMultiplyAdds / 1e6, work.fitMultiplyAdds / 1e6];
    if (Math.abs(result.cost.passes - work.passes) > 1e-6 * work.passes)
      console.log(`  (work model off: engine ${result.cost.passes} passes, model ${work.passes})`);
    const paces = [own.early, own.end, own.late].map((e) => e ?? NaN);
    const ratios = [estimate, ...paces].map((e) => fmt(measured / e)).join(', ');
    console.log(
      `${name}${dim ? ` (d = ${dim}, p = ${numParams})` : ''} | ${secondsPerStep.toFixed(4)}, ${secondsPerStepAfter.toFixed(4)} | ${stages.map(fmt).join(', ')} | ${estimatedStages.map(fmt).join(', ')} | ${fmt(estimate)} | ${paces.map(fmt).join(', ')} | ${fmt(measured)} | ${ratios} | ${fmt(measured / bracketed)} | ${stageRatios} | ${fmt(previous)}, ${fmt(measured / previous)} | ${counts.map((c) => Math.round(c)).join(', ')}`,
    );
  }
}

// Live lookahead / cosine on the default example and the wide one: a run that measures them costs the steps plus the
// measurements (runStepUnits), timed from a plain run's seconds per step; and the on-demand estimate
// made from such a run's speed (its measurements taken out, as the page does).
console.log('live affinity | s/step plain run | estimate s | measured s | measured / estimate');
const LIVE: [string, ExperimentSpecInput][] = [
  ['default', EXAMPLES.planted.spec(1)],
  ['wide 12 tasks 128-128 batch 128', planted(12, [128, 128], 4096, 200, 128)],
];
for (const [setupName, input] of LIVE)
  for (const method of ['lookahead', 'cosine'] as const) {
    const plain = ExperimentSpec.parse({ ...input, backend });
    const live = ExperimentSpec.parse({ ...plain, affinity: { method, every: 10 } });
    const timeRun = async (s: ExperimentSpec) => {
      let stepsPerSecond = 0;
      const started = performance.now();
      await runExperiment(s, {
        emit: (e) => void (e.type === 'progress' && (stepsPerSecond = e.stepsPerSecond)),
        keepBackend: true,
      });
      return { stepsPerSecond, seconds: (performance.now() - started) / 1000 };
    };
    const base = await timeRun(plain);
    const measured = await timeRun(live);
    const numTasks = 'numTasks' in plain.dataset ? plain.dataset.numTasks : 0;
    const estimate = runStepUnits(live, numTasks) / base.stepsPerSecond;
    const runSeconds = live.training.steps / measured.stepsPerSecond;
    console.log(
      `${setupName}: ${method} every 10 | ${(1 / base.stepsPerSecond).toFixed(4)} | ${fmt(estimate)} | ${fmt(runSeconds)} (wall ${fmt(measured.seconds)}) | ${fmt(runSeconds / estimate)}`,
    );
  }
