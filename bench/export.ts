// When should a run leave the browser? Steps per second of the same experiment in the lab engine
// (Node, tfjs wasm) vs its exported PyTorch project with one process vs torchrun with two, side by
// side in one run, for the planted example scaled up (40 tasks, 256-wide trunk, 20k samples) and the
// MoE language model (d = 128, 8 experts, top-2). Run: npx tsx bench/export.ts [steps]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { readCorpusTexts } from '../src/cli/corpus.ts';
import { nodeWasmFolder } from '../src/cli/io.ts';
import { main as cli } from '../src/cli/main.ts';
import { EXAMPLES } from '../src/shared/examples.ts';
import { runExperiment } from '../src/engine/run.ts';
import type { ExperimentSpecInput } from '../src/protocol/index.ts';
import { writeFileSync } from 'node:fs';

const PYTHON = process.env.TASKLAB_PYTHON ?? '/usr/bin/python3';
const steps = Number(process.argv[2] ?? 40);

const planted = EXAMPLES.planted.spec(1);
const SETUPS: Record<string, ExperimentSpecInput> = {
  'planted ×40 tasks, 256 wide, 20k samples': {
    ...planted,
    dataset: { kind: 'planted', numTasks: 40, numGroups: 4, inputDim: 16, numSamples: 20_000, noise: 0.1 },
    model: { kind: 'shared-bottom', hidden: [256, 256], activation: 'relu' },
    training: { ...planted.training, steps },
  },
  'MoE LM d=128, 8 experts, top-2': {
    ...EXAMPLES['moe-lm'].spec(1),
    model: {
      kind: 'moe-lm',
      dModel: 128,
      numHeads: 4,
      numLayers: 2,
      numExperts: 8,
      expertHidden: 128,
      router: 'topk',
      k: 2,
    },
    training: { ...EXAMPLES['moe-lm'].spec(1).training, steps },
  },
};

async function labStepsPerSecond(spec: ExperimentSpecInput): Promise<number> {
  const done = await runExperiment(
    { ...spec, backend: 'wasm' },
    { emit: () => {}, keepBackend: true, texts: await readCorpusTexts(spec) },
  );
  return done.stepsRun / done.seconds;
}

/** Training-loop steps per second as train.py reports them (start-up and data loading excluded). */
function pytorchStepsPerSecond(project: string, processes: number): number {
  const args =
    processes === 1
      ? ['train.py', '--out', 'r1.json']
      : [
          '-m',
          'torch.distributed.run',
          '--standalone',
          '--nproc_per_node',
          String(processes),
          '--redirects',
          '2',
          '--tee',
          '2',
          'train.py',
          '--out',
          `r${processes}.json`,
        ];
  execFileSync(PYTHON, args, { cwd: project, stdio: 'ignore', env: { ...process.env, OMP_NUM_THREADS: '1' } });
  const result = JSON.parse(readFileSync(join(project, `r${processes}.json`), 'utf8'));
  return result.steps / result.seconds;
}

tf.env().set('PROD', true);
setWasmPaths(nodeWasmFolder());
await tf.setBackend('wasm');
await tf.ready();
const rows: Record<string, Record<string, string>> = {};
for (const [name, spec] of Object.entries(SETUPS)) {
  const dir = mkdtempSync(join(tmpdir(), 'tasklab-bench-export-'));
  writeFileSync(join(dir, 'spec.json'), JSON.stringify(spec));
  if ((await cli(['export', join(dir, 'spec.json'), '--to', 'pytorch', '--out', join(dir, 'project')])) !== 0)
    throw new Error(`export of ${name} failed`);
  const lab = await labStepsPerSecond(spec);
  const one = pytorchStepsPerSecond(join(dir, 'project'), 1);
  const two = pytorchStepsPerSecond(join(dir, 'project'), 2);
  rows[name] = {
    'lab wasm steps/s': lab.toFixed(1),
    'PyTorch ×1 steps/s': one.toFixed(1),
    'torchrun ×2 steps/s': two.toFixed(1),
    'PyTorch ×1 / lab': (one / lab).toFixed(1),
    'torchrun ×2 / PyTorch ×1': (two / one).toFixed(2),
  };
}
console.log(`\n${steps} training steps each, one thread per process (OMP_NUM_THREADS=1), this machine's CPUs:`);
console.table(rows);
