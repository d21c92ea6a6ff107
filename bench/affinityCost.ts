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
import {
  affinitySeconds,
  affinityWork,
  createJobPace,
  GRADTAG_DIM,
  runStepUnits,
  SAMPLE_GRADIENT_PER_STEP,
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

const SETUPS: [string, ExperimentSpecInput, OnDemandMethod][] = [
  ['planted default', EXAMPLES.planted.spec(1), 'gradtag'],
  [
    '4 tasks, 256 samples, 100 steps',
    { dataset: { kind: 'planted', numTasks: 4, numSamples: 256 }, training: { steps: 100 } },
    'gradtag',
  ],
  [
    'wider: 12 tasks, trunk [128, 128], batch 128',
    {
      dataset: { kind: 'planted', numTasks: 12, numSamples: 4096 },
      model: { kind: 'shared-bottom', hidden: [128, 128] },
      training: { steps: 200, batchSize: 128 },
    },
    'gradtag',
  ],
  ['truth: planted default', EXAMPLES.planted.spec(1), 'bruteforce'],
  [
    'truth: 4 tasks, 60 steps',
    { dataset: { kind: 'planted', numTasks: 4, numSamples: 512 }, training: { steps: 60 } },
    'bruteforce',
  ],
];

const fmt = (x: number) => x.toFixed(2);
console.log(
  `backend ${backend}; a per-sample gradient is estimated at ${SAMPLE_GRADIENT_PER_STEP[backend]} of a training step; ${load} busy threads during the calibration run`,
);
console.log(
  'set-up | s/step (run) | stages measured s (θ*, 2nd, 3rd) | stages estimated s | estimate s (run speed) | own pace: 10 % of θ*, θ* end, half of stage 3 | measured s | measured / estimate: run speed, own pace ×3 | gradient / step',
);
for (const [name, input, method] of SETUPS) {
  const spec = ExperimentSpec.parse({ ...input, backend });
  let stepsPerSecond = 0;
  const stopLoad = busyThreads(load);
  await runExperiment(spec, {
    emit: (e) => void (e.type === 'progress' && (stepsPerSecond = e.stepsPerSecond)),
    keepBackend: true,
  });
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
    const marks = [1, 2, 3].map((s) => stageStart.get(s)!);
    const stages = marks.map((m, i) => ((marks[i + 1] ?? ended) - m) / 1000);
    const measured = (ended - started) / 1000;
    const gradientShare = method === 'gradtag' ? stages[1] / work.sampleGradients / secondsPerStep : NaN;
    if (Math.abs(result.cost.passes - work.passes) > 1e-6 * work.passes)
      console.log(`  (work model off: engine ${result.cost.passes} passes, model ${work.passes})`);
    const paces = [own.early, own.end, own.late].map((e) => e ?? NaN);
    const ratios = [estimate, ...paces].map((e) => fmt(measured / e)).join(', ');
    console.log(
      `${name}${dim ? ` (d = ${dim}, p = ${numParams})` : ''} | ${secondsPerStep.toFixed(4)} | ${stages.map(fmt).join(', ')} | ${estimatedStages.map(fmt).join(', ')} | ${fmt(estimate)} | ${paces.map(fmt).join(', ')} | ${fmt(measured)} | ${ratios} | ${fmt(gradientShare)}`,
    );
  }
}

// Live lookahead / cosine on the default example: a run that measures them costs the steps plus the
// measurements (runStepUnits), timed from a plain run's seconds per step; and the on-demand estimate
// made from such a run's speed (its measurements taken out, as the page does).
console.log('live affinity | s/step plain run | estimate s | measured s | measured / estimate');
for (const method of ['lookahead', 'cosine'] as const) {
  const plain = ExperimentSpec.parse({ ...EXAMPLES.planted.spec(1), backend });
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
    `${method} every 10 | ${(1 / base.stepsPerSecond).toFixed(4)} | ${fmt(estimate)} | ${fmt(runSeconds)} (wall ${fmt(measured.seconds)}) | ${fmt(runSeconds / estimate)}`,
  );
}
