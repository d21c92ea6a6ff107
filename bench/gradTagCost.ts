// Grad-TAG's cost estimate (what the affinity view promises before it starts) against the measured
// time, side by side in one run. The estimate uses only what the page knows: the run's measured
// steps/s and the spec. Run: npx tsx bench/gradTagCost.ts
import * as tf from '@tensorflow/tfjs';
import { ExperimentSpec, type ExperimentSpecInput } from '../src/protocol/index.ts';
import { computeAffinity } from '../src/engine/affinity/methods.ts';
import { runExperiment } from '../src/engine/run.ts';
import { EXAMPLES } from '../src/shared/examples.ts';
import { estimateOnDemandCost } from '../src/ui/affinity/truthCost.ts';

tf.env().set('PROD', true);

const SETUPS: [string, ExperimentSpecInput, boolean][] = [
  // The default notebook's run measures lookahead affinity while it trains: slower steps/s, as the page sees it.
  ['planted example, run with lookahead', EXAMPLES.planted.spec(1), true],
  ['planted example, plain run', EXAMPLES.planted.spec(1), false],
  ['4 tasks, 100 steps, 256 samples', { dataset: { kind: 'planted', numTasks: 4, numSamples: 256 }, training: { steps: 100 } }, false],
  ['12 tasks, 150 steps, narrow trunk', { dataset: { kind: 'planted', numTasks: 12 }, model: { kind: 'shared-bottom', hidden: [16] }, training: { steps: 150 } }, false],
];

console.log('set-up | run steps/s | estimate s | measured s | measured / estimate');
for (const [name, input, withAffinity] of SETUPS) {
  const spec = ExperimentSpec.parse({ ...input, backend: 'cpu', affinity: withAffinity ? input.affinity : undefined });
  let stepsPerSecond = 0;
  await runExperiment(spec, { emit: (e) => void (e.type === 'progress' && (stepsPerSecond = e.stepsPerSecond)) });
  const numTasks = 'numTasks' in spec.dataset ? spec.dataset.numTasks : 0;
  const trainingRows = 'numSamples' in spec.dataset ? Math.floor(spec.dataset.numSamples * (1 - spec.training.validationFraction)) : undefined;
  const estimate = estimateOnDemandCost('gradtag', spec, numTasks, stepsPerSecond, trainingRows).seconds!;
  const started = performance.now();
  await computeAffinity(spec, 'gradtag');
  const measured = (performance.now() - started) / 1000;
  console.log(`${name} | ${stepsPerSecond.toFixed(1)} | ${estimate.toFixed(1)} | ${measured.toFixed(1)} | ${(measured / estimate).toFixed(2)}`);
}
