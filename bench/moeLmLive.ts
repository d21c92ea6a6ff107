// How fast the 'moe-lm' example trains with live routing snapshots on, per backend (cpu, wasm):
// steps/s and snapshots/s, so the example stays small enough to show routing within about a minute.
// Usage: npx tsx bench/moeLmLive.ts [steps=30]
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { readCorpusTexts } from '../src/cli/corpus.ts';
import { nodeWasmFolder } from '../src/cli/io.ts';
import { runExperiment } from '../src/engine/run.ts';
import { EXAMPLES } from '../src/shared/examples.ts';
import type { ExperimentSpecInput } from '../src/protocol/index.ts';

tf.env().set('PROD', true);
setWasmPaths(nodeWasmFolder());
const steps = Number(process.argv[2] ?? 30);
const rows: string[][] = [];
for (const backend of ['cpu', 'wasm']) {
  await tf.setBackend(backend);
  await tf.ready();
  const spec = EXAMPLES['moe-lm'].spec(1) as ExperimentSpecInput & { training: { steps: number } };
  spec.training.steps = steps;
  let snapshots = 0;
  const done = await runExperiment(spec, {
    emit: (e) => void (e.type === 'snapshot' && e.kind === 'routing' && snapshots++),
    keepBackend: true,
    texts: await readCorpusTexts(spec),
  });
  rows.push([
    backend,
    String(done.stepsRun),
    done.seconds.toFixed(1),
    (done.stepsRun / done.seconds).toFixed(2),
    (snapshots / done.seconds).toFixed(2),
    done.tasks.map((t) => t.validationLoss.toFixed(2)).join('/'),
  ]);
}
console.log(['backend', 'steps', 'seconds', 'steps/s', 'snapshots/s', 'val loss per domain'].join('\t'));
for (const row of rows) console.log(row.join('\t'));
