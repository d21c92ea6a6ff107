// The on-demand affinity's cost estimate (what the affinity view promises before it starts) against
// the measured time, stage by stage, side by side in one run on one backend (wasm by default, as the
// lab's jobs run without a GPU). The estimate uses only what the page knows: the run's measured
// seconds per step, the spec and the split sizes. Beside it, the job's own pace (createJobPace: θ* timed
// by the job itself), read once a tenth of θ* is done and when θ* ends. `--load N` runs N busy threads
// during the calibration run only, as a run made under load would be timed.
// Run: nice -n 10 npx tsx bench/affinityCost.ts [wasm|cpu] [--load N]
import { Worker } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { ExperimentSpec, type ExperimentSpecInput } from '../src/protocol/index.ts';
import { bruteForceAffinity, gradTagAffinity } from '../src/engine/affinity/methods.ts';
import { createAffinitySetup } from '../src/engine/affinity/setup.ts';
import { runExperiment } from '../src/engine/run.ts';
import { nodeWasmFolder } from '../src/cli/io.ts';
import { EXAMPLES } from '../src/shared/examples.ts';
import {
  affinitySeconds,
  affinityWork,
  createJobPace,
  SAMPLE_GRADIENT_PER_STEP,
  splitSize,
  type OnDemandMethod,
} from '../src/shared/affinityCost.ts';

const args = process.argv.slice(2);
const backend = (args.find((a) => a === 'wasm' || a === 'cpu') ?? 'wasm') as 'wasm' | 'cpu';
const load = args.includes('--load') ? Number(args[args.indexOf('--load') + 1]) : 0;

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
  'set-up | s/step (run) | stage seconds measured (θ*, 2nd, 3rd) | estimate s (run speed) | own pace at 10 % of θ*, at its end | measured s | measured / estimate: run speed, own pace 10 %, own pace end | gradient / step measured',
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
  const work = affinityWork(method, spec, numTasks, split);
  const secondsPerStep = 1 / stepsPerSecond;
  const estimate = affinitySeconds(work, secondsPerStep, spec, split, backend);

  const setup = createAffinitySetup(spec);
  const stageStart = new Map<number, number>();
  const started = performance.now();
  const pace = createJobPace(work, spec, { train: setup.train.size, validation: setup.validation.size }, backend);
  const own: { early?: number; end?: number } = {};
  const onProgress = (p: { stage: number; done: number; total: number }) => {
    const now = performance.now();
    if (!stageStart.has(p.stage)) stageStart.set(p.stage, now);
    const total = pace(p, now);
    if (p.stage === 1 && total !== undefined) {
      if (own.early === undefined && p.done >= p.total / 10) own.early = total;
      own.end = total;
    }
  };
  const result =
    method === 'gradtag'
      ? await gradTagAffinity(setup, { onProgress })
      : await bruteForceAffinity(setup, { onProgress });
  const ended = performance.now();
  setup.dispose();
  const marks = [1, 2, 3].map((s) => stageStart.get(s)!);
  const stages = marks.map((m, i) => ((marks[i + 1] ?? ended) - m) / 1000);
  const measured = (ended - started) / 1000;
  const gradientShare = method === 'gradtag' ? stages[1] / work.sampleGradients / secondsPerStep : NaN;
  if (Math.abs(result.cost.passes - work.passes) > 1e-6 * work.passes)
    console.log(`  (work model off: engine ${result.cost.passes} passes, model ${work.passes})`);
  const ratios = [estimate, own.early ?? NaN, own.end ?? NaN].map((e) => fmt(measured / e)).join(', ');
  console.log(
    `${name} | ${secondsPerStep.toFixed(4)} | ${stages.map(fmt).join(', ')} | ${fmt(estimate)} | ${fmt(own.early ?? NaN)}, ${fmt(own.end ?? NaN)} | ${fmt(measured)} | ${ratios} | ${fmt(gradientShare)}`,
  );
}
