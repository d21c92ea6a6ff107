// Milliseconds per GNN training step on CLRS-lite, per backend and aggregation, measured side by side.
// Run: npx tsx bench/gnnStep.ts
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { CLRS_TASKS, TrainingSpec } from '../src/protocol.ts';
import { makeClrsLiteDataset, graphTasksOf } from '../src/engine/data/clrsLite.ts';
import { createGnn } from '../src/engine/models/gnn.ts';
import { createTrainer } from '../src/engine/train/trainer.ts';
import { createBatchSampler, gatherBatch, toDevice } from '../src/engine/train/batches.ts';
import { createRng } from '../src/engine/util/random.ts';
import { nodeWasmFolder } from '../src/cli/io.ts';

tf.env().set('PROD', true);
setWasmPaths(nodeWasmFolder());
const STEPS = Number(process.env.STEPS ?? 10);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const data = makeClrsLiteDataset({ numGraphs: 512, numNodes: [8, 12], edgeProbability: [0.1, 0.35], connectedFraction: 0.5, tasks: [...CLRS_TASKS], seed: 1 });

async function msPerStep(aggregation: 'max' | 'mean', hidden: number, batchSize: number): Promise<number> {
  const model = createGnn({ tasks: graphTasksOf(data), hidden, layers: 3, aggregation }, createRng(1));
  const trainer = createTrainer(model, TrainingSpec.parse({ learningRate: 0.003 }));
  const device = toDevice(data);
  const next = createBatchSampler(device.size, batchSize, createRng(2));
  const step = async () => {
    const batch = gatherBatch(device, next());
    const losses = trainer.step(batch);
    await losses.data();
    tf.dispose([losses, ...Object.values(batch)]);
  };
  for (let i = 0; i < 3; i++) await step();
  // The fastest of a few timed rounds: other processes on a shared machine only ever add time.
  let ms = Infinity;
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    for (let i = 0; i < STEPS; i++) await step();
    ms = Math.min(ms, (performance.now() - start) / STEPS);
  }
  trainer.dispose();
  device.dispose();
  model.dispose();
  return ms;
}

const rows: Record<string, string | number>[] = [];
for (const backend of (process.env.BACKENDS ?? 'wasm,cpu').split(',')) {
  await tf.setBackend(backend);
  for (const aggregation of ['attention', 'mean', 'max'] as const) {
    for (const [hidden, batch] of [[32, 32]]) {
      rows.push({ backend, aggregation, hidden, batch, msPerStep: Number((await msPerStep(aggregation, hidden, batch)).toFixed(1)) });
    }
  }
}
console.table(rows);
