// tf.profile of one training step of the planted default on wasm (or cpu) in Node.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { EXAMPLES } from '../src/shared/examples.ts';
import { parseSpec } from '../src/protocol/index.ts';
import { nodeWasmFolder } from '../src/cli/io.ts';
import { makeDataset } from '../src/engine/data/index.ts';
import { createModel } from '../src/engine/models/index.ts';
import { createTrainer } from '../src/engine/train/trainer.ts';
import { createBatchSampler, gatherBatch, toDevice } from '../src/engine/train/batches.ts';
import { createRng } from '../src/engine/util/random.ts';
const backend = process.argv[2] ?? 'wasm';
tf.env().set('PROD', true);
setWasmPaths(nodeWasmFolder());
await tf.setBackend(backend);
await tf.ready();
const spec = parseSpec(EXAMPLES.planted.spec(1));
if (!spec.ok) throw new Error('spec');
const s = spec.spec;
const data = makeDataset(s.dataset, s.seed);
const model = createModel(s.model, data, createRng(1));
const trainer = createTrainer(model, s.training);
const dev = toDevice(data);
const next = createBatchSampler(dev.size, s.training.batchSize, createRng(2));
const step = () => {
  const b = gatherBatch(dev, next());
  const l = trainer.step(b);
  tf.dispose(Object.values(b));
  return l;
};
for (let i = 0; i < 30; i++) step().dispose();
const N = 200;
const t = performance.now();
for (let i = 0; i < N; i++) step().dispose();
console.log(backend, 'ms/step', ((performance.now() - t) / N).toFixed(3));
const info = await tf.profile(() => {
  step().dispose();
});
const by = new Map<string, [number, number]>();
for (const k of info.kernels) {
  const e = by.get(k.name) ?? [0, 0];
  e[0]++;
  e[1] += Number(k.kernelTimeMs) || 0;
  by.set(k.name, e);
}
console.log('kernels per step', info.kernels.length, 'newTensors', info.newTensors);
console.log(
  [...by]
    .sort((a, b) => b[1][1] - a[1][1])
    .map(([n, [c, ms]]) => `${n}×${c} ${ms.toFixed(3)}ms`)
    .join('\n'),
);
for (const k of info.kernels)
  if (k.name === 'BatchMatMul' || k.name === '_FusedMatMul')
    console.log(k.name, JSON.stringify(k.inputShapes), Number(k.kernelTimeMs).toFixed(3));
console.log(JSON.stringify(tf.env().features), tf.getBackend());
if (process.argv.includes('--sequence'))
  console.log(info.kernels.map((k) => `${k.name}${JSON.stringify(k.inputShapes)}`).join('\n'));
