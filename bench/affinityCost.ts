// The on-demand affinity's cost estimate (what the affinity view promises before it starts) against
// the measured time, stage by stage, side by side in one run on one backend (wasm by default, as the
// lab's jobs run without a GPU). The estimate uses only what the page knows: the run's measured
// seconds per step, the spec and the split sizes. Run: nice -n 10 npx tsx bench/affinityCost.ts [wasm|cpu]
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { ExperimentSpec, type ExperimentSpecInput } from '../src/protocol/index.ts';
import { bruteForceAffinity, gradTagAffinity } from '../src/engine/affinity/methods.ts';
import { createAffinitySetup } from '../src/engine/affinity/setup.ts';
import { runExperiment } from '../src/engine/run.ts';
import { nodeWasmFolder } from '../src/cli/io.ts';
import { EXAMPLES } from '../src/shared/examples.ts';
import { affinitySeconds, affinityWork, SAMPLE_GRADIENT_PER_STEP, splitSize, type OnDemandMethod } from '../src/shared/affinityCost.ts';

const backend = (process.argv[2] ?? 'wasm') as 'wasm' | 'cpu';
tf.env().set('PROD', true);
setWasmPaths(nodeWasmFolder());
await tf.setBackend(backend);
await tf.ready();

const SETUPS: [string, ExperimentSpecInput, OnDemandMethod][] = [
  ['planted default', EXAMPLES.planted.spec(1), 'gradtag'],
  ['4 tasks, 256 samples, 100 steps', { dataset: { kind: 'planted', numTasks: 4, numSamples: 256 }, training: { steps: 100 } }, 'gradtag'],
  ['wider: 12 tasks, trunk [128, 128], batch 128', { dataset: { kind: 'planted', numTasks: 12, numSamples: 4096 }, model: { kind: 'shared-bottom', hidden: [128, 128] }, training: { steps: 200, batchSize: 128 } }, 'gradtag'],
  ['truth: 4 tasks, 60 steps', { dataset: { kind: 'planted', numTasks: 4, numSamples: 512 }, training: { steps: 60 } }, 'bruteforce'],
];

const fmt = (x: number) => x.toFixed(2);
console.log(`backend ${backend}; a per-sample gradient is estimated at ${SAMPLE_GRADIENT_PER_STEP[backend]} of a training step`);
console.log('set-up | s/step (run) | stage seconds measured (θ*, 2nd, 3rd) | estimate s | measured s | measured / estimate | gradient / step measured');
for (const [name, input, method] of SETUPS) {
  const spec = ExperimentSpec.parse({ ...input, backend });
  let stepsPerSecond = 0;
  await runExperiment(spec, { emit: (e) => void (e.type === 'progress' && (stepsPerSecond = e.stepsPerSecond)), keepBackend: true });
  const numTasks = 'numTasks' in spec.dataset ? spec.dataset.numTasks : 0;
  const split = splitSize('numSamples' in spec.dataset ? spec.dataset.numSamples : 0, spec.training.validationFraction);
  const work = affinityWork(method, spec, numTasks, split);
  const secondsPerStep = 1 / stepsPerSecond;
  const estimate = affinitySeconds(work, secondsPerStep, spec, split, backend);

  const setup = createAffinitySetup(spec);
  const stageStart = new Map<number, number>();
  const started = performance.now();
  const onProgress = ({ stage }: { stage: number }) => void (stageStart.has(stage) || stageStart.set(stage, performance.now()));
  const result = method === 'gradtag' ? await gradTagAffinity(setup, { onProgress }) : await bruteForceAffinity(setup, { onProgress });
  const ended = performance.now();
  setup.dispose();
  const marks = [1, 2, 3].map((s) => stageStart.get(s)!);
  const stages = marks.map((m, i) => ((marks[i + 1] ?? ended) - m) / 1000);
  const measured = (ended - started) / 1000;
  const gradientShare = method === 'gradtag' ? stages[1] / work.sampleGradients / secondsPerStep : NaN;
  if (Math.abs(result.cost.passes - work.passes) > 1e-6 * work.passes) console.log(`  (work model off: engine ${result.cost.passes} passes, model ${work.passes})`);
  console.log(`${name} | ${secondsPerStep.toFixed(4)} | ${stages.map(fmt).join(', ')} | ${fmt(estimate)} | ${fmt(measured)} | ${fmt(measured / estimate)} | ${fmt(gradientShare)}`);
}
