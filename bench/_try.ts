import * as tf from '@tensorflow/tfjs';
import { ExperimentSpec } from '../src/protocol.ts';
import { createAffinitySetup } from '../src/engine/affinity/setup.ts';
import { bruteForceAffinity, gradTagAffinity, metaInitialise } from '../src/engine/affinity/methods.ts';
import { meanRelativeError, spearmanOffDiagonal, withinAcrossMeans } from '../src/engine/affinity/scoring.ts';
tf.env().set('PROD', true);
await tf.setBackend('cpu');
const n = 8;
const ft = Number(process.argv[2] ?? 50);
const metaSteps = Number(process.argv[3] ?? 300);
const spec = ExperimentSpec.parse({ seed: 1, dataset: { kind: 'planted', numTasks: n, numGroups: 2, numSamples: 1024 }, model: { kind: 'shared-bottom', hidden: JSON.parse(process.argv[4] ?? '[32,32]') }, training: { steps: metaSteps, batchSize: 64 } });
const setup = createAffinitySetup(spec);
const meta = metaInitialise(setup);
const truth = await bruteForceAffinity(setup, { meta, steps: ft });
console.log('ft', ft, 'truth', withinAcrossMeans(truth.matrix, setup.dataset.plantedGroups!), truth.cost);
for (const projectionDim of [200]) for (const ridge of JSON.parse(process.argv[5] ?? '[0.01,0.03,0.1,0.3]')) {
  const est = await gradTagAffinity(setup, { meta, ridge, projectionDim, samples: Number(process.argv[6] ?? 512) });
  console.log(projectionDim, ridge, 'mre', meanRelativeError(est.losses!, truth.losses!).toFixed(4), 'sp', spearmanOffDiagonal(est.matrix, truth.matrix, n).toFixed(3), withinAcrossMeans(est.matrix, setup.dataset.plantedGroups!), est.cost.seconds.toFixed(1));
}
console.log(Array.from(truth.losses!).map(v=>v.toFixed(3)).join(' '));
