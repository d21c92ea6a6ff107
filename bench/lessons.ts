// Time for each lesson to reach the result it states, on Node's tfjs cpu and wasm backends, and the
// cost of the automatic backend benchmark itself. Run: `npx tsx bench/lessons.ts`.
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { nodeWasmFolder } from '../src/cli/io.ts';
import { quietTfjs } from '../src/cli/quietTfjs.ts';
import { benchmarkBackends } from '../src/engine/benchmark/backendBenchmark.ts';
import { withinAcrossMeans } from '../src/engine/affinity/scoring.ts';
import { readCorpusTexts } from '../src/cli/corpus.ts';
import { runJob } from '../src/engine/jobs/index.ts';
import { lossChangeCorrelation, trainAndMeasureLoad, trainAndReadRouting } from '../src/engine/lessons/lessonStats.ts';
import { analyseTrace, DEFAULT_SEGMENTS } from '../src/engine/routing/report.ts';
import { parseJsonTrace } from '../src/engine/routing/traceJson.ts';
import { runExperiment } from '../src/engine/run.ts';
import { readNotebookFile } from '../src/notebook/index.ts';
import type { ExperimentSpec, RunEvent } from '../src/protocol/index.ts';
import { mean } from '../src/shared/stats.ts';

quietTfjs();
setWasmPaths(nodeWasmFolder());

function lessonSpec(file: string, cellId: string): ExperimentSpec {
  const result = readNotebookFile(readFileSync(`public/lessons/${file}`, 'utf8'));
  if (!result.ok) throw new Error(result.error);
  const cell = result.notebook.cells.find((c) => c.id === cellId);
  if (cell?.kind !== 'experiment') throw new Error(`no experiment ${cellId} in ${file}`);
  return cell.spec;
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await work();
  return [value, (performance.now() - start) / 1000];
}

async function lesson1() {
  const losses: number[] = [];
  let affinity: Float32Array | undefined;
  let groups: number[] = [];
  await runExperiment(lessonSpec('lesson-1-task-affinity.tasklab.json', 'l1-run'), {
    keepBackend: true,
    emit: (e: RunEvent) => {
      if (e.type === 'progress') losses.push(...e.losses);
      if (e.type === 'snapshot' && e.kind === 'affinity') affinity = e.matrix;
      if (e.type === 'started') groups = e.plantedGroups ?? [];
    },
  });
  const c = withinAcrossMeans(lossChangeCorrelation(losses, groups.length), groups);
  const a = withinAcrossMeans(affinity!, groups);
  return `curve corr ${c.within.toFixed(2)} / ${c.across.toFixed(2)}, affinity ${a.within.toExponential(1)} / ${a.across.toExponential(1)}`;
}

const noProgress = { signal: new AbortController().signal, progress: () => {} };

async function lesson2() {
  const spec = {
    ...lessonSpec('lesson-2-grouping-branching.tasklab.json', 'l2-run'),
    backend: tf.getBackend() as ExperimentSpec['backend'],
  };
  const tree = await runJob('branch', { spec, depth: 3, arity: 2 }, noProgress);
  const comparison = await runJob('compare-setups', { spec, tree }, noProgress);
  const layer1 = tree.layers[1].map((g) => `{${g.join(',')}}`).join('');
  return `tree layer 1 ${layer1}; R² ${comparison.setups.map((s) => `${s.id} ${mean(s.validationScore).toFixed(3)}`).join(', ')}`;
}

async function lmRouting(file: string, cellId: string) {
  const spec = lessonSpec(file, cellId);
  return trainAndReadRouting(spec, await readCorpusTexts(spec));
}

async function lesson3() {
  const free = await trainAndMeasureLoad(lessonSpec('lesson-3-router.tasklab.json', 'l3-free'));
  const balanced = await trainAndMeasureLoad(lessonSpec('lesson-3-router.tasklab.json', 'l3-balanced'));
  const topk = await lmRouting('lesson-3-router.tasklab.json', 'l3-topk');
  const topp = await lmRouting('lesson-3-router.tasklab.json', 'l3-topp');
  return `MMoE load CV ${free.loadCV.toFixed(3)} → ${balanced.loadCV.toFixed(3)}, val ${free.validationLoss.toFixed(3)} / ${balanced.validationLoss.toFixed(3)}; LM CV top-2 ${topk.routing.layers[0].loadCV.toFixed(3)}, top-p ${topp.routing.layers[0].loadCV.toFixed(3)}`;
}

async function lesson4() {
  const report = analyseTrace(parseJsonTrace(JSON.parse(readFileSync('public/traces/sample-4x8-top2.json', 'utf8'))), {
    segments: DEFAULT_SEGMENTS,
  });
  const { routing } = await lmRouting('lesson-4-routing-consistency.tasklab.json', 'l4-model');
  const layer = routing.layers[0];
  const e = routing.numExperts;
  return `trace SRP m=4/16/64: ${['4', '16', '64'].map((m) => report.model.srp[m]?.toFixed(2)).join(' / ')}; model SRP m=4/16 ${layer.srp![1].toFixed(2)} / ${layer.srp![3].toFixed(2)}, SCH L=4 C=2/4 ${layer.sch![e + 1].toFixed(2)} / ${layer.sch![e + 3].toFixed(2)}`;
}

const rows: string[][] = [];
for (const backend of ['cpu', 'wasm']) {
  await tf.setBackend(backend);
  await tf.ready();
  for (const [name, run] of [
    ['lesson 1 (150 steps + affinity)', lesson1],
    ['lesson 2 (tree search + 4 set-ups)', lesson2],
    ['lesson 3 (2 MMoE + 2 LM runs)', lesson3],
    ['lesson 4 (trace + 1 LM run)', lesson4],
  ] as const) {
    const [result, seconds] = await timed(run);
    rows.push([backend, name, seconds.toFixed(2), result]);
  }
}
const [bench, benchSeconds] = await timed(() => benchmarkBackends({ backends: ['wasm', 'cpu'] }));
rows.push([
  'wasm+cpu',
  'auto-benchmark (3 warm + 10 timed steps each)',
  benchSeconds.toFixed(2),
  bench.timings.map((t) => `${t.backend} ${t.msPerStep?.toFixed(1)} ms/step`).join(', ') + ` → ${bench.chosen}`,
]);

const widths = [8, 46, 8];
console.log(['backend', 'what', 'seconds', 'result'].map((h, i) => h.padEnd(widths[i] ?? 0)).join(' '));
for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' '));
