// Steps per second of the default experiment on tfjs cpu vs wasm in Node, and PyTorch CPU on the
// identical model and batch where Debian's python3-torch is installed. Runs are interleaved so
// that machine noise hits every contender alike; figures are medians.
import { execFileSync } from 'node:child_process';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { EXAMPLES } from '../src/shared/examples.ts';
import { runExperiment } from '../src/engine/run.ts';
import { parseSpec } from '../src/protocol/index.ts';
import { nodeWasmFolder } from '../src/cli/io.ts';
import { median } from '../src/shared/stats.ts';

const ROUNDS = 3;
const spec = EXAMPLES.planted.spec(1);
const parsed = parseSpec(spec);
if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
const { training, model: anyModel, dataset: anyDataset } = parsed.spec;
if (anyDataset.kind !== 'planted' || anyModel.kind !== 'shared-bottom')
  throw new Error('the benchmark expects the planted shared-bottom example');
const dataset = anyDataset;
const model = anyModel;

async function tfjsStepsPerSecond(backend: 'cpu' | 'wasm'): Promise<number> {
  await tf.setBackend(backend);
  await tf.ready();
  const done = await runExperiment({ ...spec, backend }, { emit: () => {}, keepBackend: true });
  return done.stepsRun / done.seconds;
}

/** Debian's python3-torch lives in the system Python, which may not be the first python3 on PATH. */
const PYTHONS = ['/usr/bin/python3', 'python3'];

function torchStepsPerSecond(): number | null {
  const hidden = model.hidden.join(',');
  const args = [
    new URL('./torch_shared_bottom.py', import.meta.url).pathname,
    String(dataset.inputDim),
    hidden,
    String(dataset.numTasks),
    String(training.batchSize),
    String(training.steps),
    String(training.learningRate),
  ];
  for (const python of PYTHONS) {
    try {
      return Number(execFileSync(python, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    } catch {
      // No torch in this Python: try the next one.
    }
  }
  return null;
}

export async function benchRunSteps() {
  tf.env().set('PROD', true);
  setWasmPaths(nodeWasmFolder());
  const results: Record<string, number[]> = { cpu: [], wasm: [], torch: [] };
  for (let round = 0; round < ROUNDS; round++) {
    results.cpu.push(await tfjsStepsPerSecond('cpu'));
    results.wasm.push(await tfjsStepsPerSecond('wasm'));
    const torch = torchStepsPerSecond();
    if (torch !== null) results.torch.push(torch);
  }
  const cpu = median(results.cpu);
  const wasm = median(results.wasm);
  const torch = results.torch.length ? median(results.torch) : null;
  console.log(
    `\nDefault experiment (${dataset.numTasks} tasks, ${dataset.inputDim}→${model.hidden.join('→')}→heads, batch ${training.batchSize}, ${training.steps} steps), median of ${ROUNDS} interleaved rounds`,
  );
  console.table({
    'tfjs cpu': { 'steps/s': cpu.toFixed(0), 'vs tfjs cpu': '1.00×' },
    'tfjs wasm': { 'steps/s': wasm.toFixed(0), 'vs tfjs cpu': `${(wasm / cpu).toFixed(2)}×` },
    ...(torch !== null
      ? { 'PyTorch CPU': { 'steps/s': torch.toFixed(0), 'vs tfjs cpu': `${(torch / cpu).toFixed(2)}×` } }
      : { 'PyTorch CPU': { 'steps/s': 'not installed (apt-get install python3-torch)', 'vs tfjs cpu': '–' } }),
  });
  if (torch !== null) console.log(`PyTorch CPU / tfjs wasm: ${(torch / wasm).toFixed(2)}×`);
}
