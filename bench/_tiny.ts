import * as tf from '@tensorflow/tfjs';
import { runExperiment } from '../src/engine/run.ts';
import { makeDataset } from '../src/engine/data/index.ts';
import { splitDataset } from '../src/engine/data/dataset.ts';
import { trivialBaselines } from '../src/engine/data/clrsBaselines.ts';
import { ExperimentSpec } from '../src/protocol.ts';
tf.env().set('PROD', true);
await tf.setBackend(process.env.BACKEND ?? 'cpu');
const over = JSON.parse(process.argv[2] ?? '{}');
const spec = ExperimentSpec.parse({
  seed: 3,
  dataset: { kind: 'clrs-lite', numGraphs: 400, numNodes: [6, 9], ...(over.dataset ?? {}) },
  model: { kind: 'gnn', hidden: 16, layers: 3, ...(over.model ?? {}) },
  training: { steps: 150, batchSize: 16, learningRate: 0.01, validationFraction: 0.25, ...(over.training ?? {}) },
});
const data = makeDataset(spec.dataset, spec.seed);
const base = trivialBaselines(splitDataset(data, spec.training.validationFraction).validation);
const cpu0 = process.cpuUsage();
const done = await runExperiment(spec, { emit: () => {}, keepBackend: true });
const cpu = process.cpuUsage(cpu0);
console.log(JSON.stringify(over), 'wall', done.seconds.toFixed(1), 'cpu', ((cpu.user + cpu.system) / 1e6).toFixed(1));
done.tasks.forEach((t, i) => console.log(t.name.padEnd(12), t.validationScore.toFixed(3), 'base', base[i].toFixed(3), (t.validationScore - base[i]).toFixed(3)));
