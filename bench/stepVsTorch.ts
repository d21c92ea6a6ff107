// One training step of the default model (16→64→64 + 8 heads, Adam) on tfjs wasm vs PyTorch CPU, 1
// thread, at batch 64 (the example) and 256 (issue 16's row). A persistent PyTorch child runs chunks of
// steps in turn with ours, so both see the same machine load (this box is shared); the figures are
// medians over the chunks of wall time and of CPU time per step. Debian's python3-torch uses a
// generic BLAS. Run: npx tsx bench/stepVsTorch.ts [--rounds N]
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { EXAMPLES } from '../src/shared/examples.ts';
import { makeDataset } from '../src/engine/data/index.ts';
import { createModel } from '../src/engine/models/index.ts';
import { createTrainer } from '../src/engine/train/trainer.ts';
import { createBatchSampler, gatherBatch, toDevice } from '../src/engine/train/batches.ts';
import { createRng } from '../src/engine/util/random.ts';
import { parseSpec } from '../src/protocol/index.ts';
import { nodeWasmFolder } from '../src/cli/io.ts';
import { median } from '../src/shared/stats.ts';

const CHUNK = 25;
const roundsArg = process.argv.indexOf('--rounds');
const ROUNDS = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : 20;
const parsed = parseSpec(EXAMPLES.planted.spec(1));
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const { training, model: anyModel, dataset: anyDataset } = parsed.spec;
if (anyDataset.kind !== 'planted' || anyModel.kind !== 'shared-bottom')
  throw new Error('the benchmark expects the planted shared-bottom example');
const dataset = anyDataset;
const model = anyModel;

/** PyTorch in a child process: `chunk(n)` runs n steps there and resolves with [CPU ms, wall ms]. */
function startTorch(batchSize: number) {
  const script = new URL('./torch_shared_bottom.py', import.meta.url).pathname;
  const args = [
    script,
    String(dataset.inputDim),
    model.hidden.join(','),
    String(dataset.numTasks),
    String(batchSize),
    '0',
    String(training.learningRate),
    '--serve',
  ];
  const child = spawn('/usr/bin/python3', args, { stdio: ['pipe', 'pipe', 'ignore'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  return {
    chunk: async (n: number): Promise<[number, number] | null> => {
      child.stdin.write(`${n}\n`);
      const line = await lines.next();
      return line.done ? null : (line.value.split(' ').map(Number) as [number, number]);
    },
    stop: () => child.stdin.end(),
  };
}

async function compare(batchSize: number) {
  const data = makeDataset(dataset, 1);
  const net = createModel(model, data, createRng(1));
  const trainer = createTrainer(net, { ...training, batchSize });
  const device = toDevice(data);
  const next = createBatchSampler(device.size, batchSize, createRng(2));
  const step = () => {
    const batch = gatherBatch(device, next());
    trainer.step(batch).dispose();
    tf.dispose(Object.values(batch));
  };
  for (let i = 0; i < 50; i++) step();
  const torch = startTorch(batchSize);
  const ours = { cpu: [] as number[], wall: [] as number[] };
  const theirs = { cpu: [] as number[], wall: [] as number[] };
  for (let round = 0; round < ROUNDS; round++) {
    const cpu = process.cpuUsage();
    const wall = performance.now();
    for (let i = 0; i < CHUNK; i++) step();
    const used = process.cpuUsage(cpu);
    ours.wall.push((performance.now() - wall) / CHUNK);
    ours.cpu.push((used.user + used.system) / 1000 / CHUNK);
    const reply = await torch.chunk(CHUNK);
    if (!reply) break; // no torch in this Python
    theirs.cpu.push(reply[0] / CHUNK);
    theirs.wall.push(reply[1] / CHUNK);
  }
  torch.stop();
  device.dispose();
  trainer.dispose();
  net.dispose();
  const ms = (values: number[]) => (values.length ? `${median(values).toFixed(3)} ms` : 'no torch');
  const ratio = (a: number[], b: number[]) => (b.length ? `${(median(a) / median(b)).toFixed(2)}×` : '–');
  return {
    batch: batchSize,
    'tfjs wasm (wall)': ms(ours.wall),
    'PyTorch 1 thread (wall)': ms(theirs.wall),
    'wasm / PyTorch (wall)': ratio(ours.wall, theirs.wall),
    'wasm / PyTorch (CPU)': ratio(ours.cpu, theirs.cpu),
  };
}

export async function benchStepVsTorch() {
  tf.env().set('PROD', true);
  setWasmPaths(nodeWasmFolder());
  await tf.setBackend('wasm');
  await tf.ready();
  const rows = [await compare(64), await compare(256)];
  console.log(
    `\nOne training step after warm-up, ${dataset.inputDim}→${model.hidden.join('→')}→${dataset.numTasks} heads, Adam; medians of ${ROUNDS} interleaved chunks of ${CHUNK} steps (PyTorch: Debian's python3-torch, generic BLAS)`,
  );
  console.table(rows);
}

if (import.meta.url === `file://${process.argv[1]}`) await benchStepVsTorch();
