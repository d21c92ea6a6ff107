import * as tf from '@tensorflow/tfjs';
import { ExperimentSpec } from '../src/protocol.ts';
import { createAffinitySetup } from '../src/engine/affinity/setup.ts';
import { bruteForceAffinity, gradTagAffinity, metaInitialise } from '../src/engine/affinity/methods.ts';
import { meanRelativeError, spearmanOffDiagonal, withinAcrossMeans } from '../src/engine/affinity/scoring.ts';
tf.env().set('PROD', true);
await tf.setBackend('cpu');
const n = Number(process.argv[2] ?? 4);
const ft = Number(process.argv[3] ?? 60);
const spec = ExperimentSpec.parse({
  seed: 2,
  dataset: { kind: 'planted', numTasks: n, numGroups: 2, inputDim: 8, numSamples: 512, noise: 0.1 },
  model: { kind: 'shared-bottom', hidden: [6], activation: 'tanh' },
  training: { steps: 150, batchSize: 32, learningRate: 0.01 },
});
const setup = createAffinitySetup(spec);
const meta = metaInitialise(setup);
const truth = await bruteForceAffinity(setup, { meta, steps: ft });
const g = setup.dataset.plantedGroups!;
const ind = Float32Array.from({ length: n * n }, (_, k) => (g[Math.floor(k / n)] === g[k % n] ? 1 : 0));
console.log('truth', withinAcrossMeans(truth.matrix, g), 'sp(indicator,truth)', spearmanOffDiagonal(ind, truth.matrix, n).toFixed(3));
const fmt = (m: Float32Array) => Array.from({ length: n }, (_, i) => Array.from(m.slice(i * n, i * n + n)).map((v) => v.toFixed(3).padStart(7)).join(' ')).join('\n');
console.log(fmt(truth.matrix));
for (const ridge of [0.03, 0.1, 0.3]) for (const evaluation of ['network', 'linear', 'linear-train'] as const) {
  const est = await gradTagAffinity(setup, { meta, samples: 256, projectionDim: 64, ridge, evaluation });
  console.log(ridge, evaluation, 'mre', meanRelativeError(est.losses!, truth.losses!).toFixed(4), 'sp', spearmanOffDiagonal(est.matrix, truth.matrix, n).toFixed(3), withinAcrossMeans(est.matrix, g));
  if (evaluation === 'network') console.log(fmt(est.matrix));
}
