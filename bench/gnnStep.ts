// Milliseconds per GNN training step on CLRS-lite, per backend and aggregation, measured side by side.
// Run: npx tsx bench/gnnStep.ts   (env: BACKENDS=wasm,cpu AGGREGATIONS=attention,mean,max SIZES=32x16,32x32 STEPS ROUNDS)
import { cpus, loadavg } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { CLRS_TASKS, TrainingSpec } from '../src/protocol/index.ts';
import { makeClrsLiteDataset, graphTasksOf } from '../src/engine/data/clrsLite.ts';
import { createGnn } from '../src/engine/models/gnn.ts';
import type { Aggregation } from '../src/engine/models/gnnProcessor.ts';
import { createTrainer } from '../src/engine/train/trainer.ts';
import { createBatchSampler, gatherBatch, toDevice } from '../src/engine/train/batches.ts';
import { createRng } from '../src/engine/util/random.ts';
import { nodeWasmFolder } from '../src/cli/io.ts';

tf.env().set('PROD', true);
setWasmPaths(nodeWasmFolder());
const STEPS = Number(process.env.STEPS ?? 10);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const data = makeClrsLiteDataset({
  numGraphs: 512,
  numNodes: [8, 12],
  edgeProbability: [0.1, 0.35],
  connectedFraction: 0.5,
  tasks: [...CLRS_TASKS],
  seed: 1,
});

async function msPerStep(
  aggregation: Aggregation,
  hidden: number,
  batchSize: number,
): Promise<{ ms: number; cpuMs: number }> {
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
  // Process CPU time is reported too: on a busy machine it is steadier than wall time.
  let ms = Infinity;
  let cpuMs = Infinity;
  for (let round = 0; round < ROUNDS; round++) {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    for (let i = 0; i < STEPS; i++) await step();
    const cpu = process.cpuUsage(cpuStart);
    ms = Math.min(ms, (performance.now() - start) / STEPS);
    cpuMs = Math.min(cpuMs, (cpu.user + cpu.system) / 1000 / STEPS);
  }
  trainer.dispose();
  device.dispose();
  model.dispose();
  return { ms, cpuMs };
}

/** [hidden, batch] pairs, e.g. SIZES=32x32,16x32 */
const SIZES = (process.env.SIZES ?? '32x32').split(',').map((pair) => pair.split('x').map(Number));
const rows: Record<string, string | number>[] = [];
for (const backend of (process.env.BACKENDS ?? 'wasm,cpu').split(',')) {
  await tf.setBackend(backend);
  for (const aggregation of (process.env.AGGREGATIONS ?? 'attention,mean,max').split(',') as Aggregation[]) {
    for (const [hidden, batch] of SIZES) {
      const { ms, cpuMs } = await msPerStep(aggregation, hidden, batch);
      rows.push({
        backend,
        aggregation,
        hidden,
        batch,
        msPerStep: Number(ms.toFixed(1)),
        cpuMsPerStep: Number(cpuMs.toFixed(1)),
      });
    }
  }
}
console.table(rows);
// Wall times on a shared machine depend on its load; print it so a reader can judge the figures.
console.log(`load average (1 min) during the run: ${loadavg()[0].toFixed(1)} on ${cpus().length} cores`);
