// Expert health on the anomaly data set (issue 20): MMoE vs PLE vs HoME vs TaskExpert, the built-in
// `anomaly-*` examples at their defaults, over several seeds, models interleaved per seed so machine
// load hits all alike. Per model: validation R² of the dense tasks (mean) and of the sparse task apart,
// the anomalies flagged at the end of training (per kind: seeds with at least one, mean count), and
// seconds per training step.
// Run: npx tsx bench/expertHealth.ts [--backend wasm|cpu] [--seeds 5] [--steps 300]
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { nodeWasmFolder } from '../src/cli/io.ts';
import { runExperiment } from '../src/engine/run.ts';
import { EXAMPLES } from '../src/shared/examples.ts';
import { HEALTH_ANOMALIES, type ExperimentSpecInput, type HealthSnapshotEvent } from '../src/protocol/index.ts';
import { mean } from '../src/shared/stats.ts';

const { values } = parseArgs({
  options: {
    backend: { type: 'string', default: 'wasm' },
    seeds: { type: 'string', default: '5' },
    steps: { type: 'string' },
  },
});
if (values.backend === 'wasm') setWasmPaths(nodeWasmFolder());
await tf.setBackend(values.backend!);
await tf.ready();

const MODELS = ['anomaly-mmoe', 'anomaly-ple', 'anomaly-home', 'anomaly-task-expert'];
const SPARSE_TASK = 'task3';
type Row = { dense: number; sparse: number; flags: Record<string, number>; secondsPerStep: number };
const rows: Record<string, Row[]> = Object.fromEntries(MODELS.map((m) => [m, []]));

for (let seed = 1; seed <= Number(values.seeds); seed++) {
  for (const name of MODELS) {
    const spec = EXAMPLES[name].spec(seed) as ExperimentSpecInput & { training: { steps: number } };
    if (values.steps) spec.training.steps = Number(values.steps);
    let health: HealthSnapshotEvent | undefined;
    const done = await runExperiment(
      { ...spec, backend: values.backend },
      { keepBackend: true, emit: (e) => e.type === 'snapshot' && e.kind === 'health' && (health = e) },
    );
    const dense = done.tasks.filter((t) => t.name !== SPARSE_TASK);
    const flags = Object.fromEntries(
      HEALTH_ANOMALIES.map((a) => [a, health!.flags.filter((f) => f.anomaly === a).length]),
    );
    const row = {
      dense: dense.reduce((s, t) => s + t.validationScore, 0) / dense.length,
      sparse: done.tasks.find((t) => t.name === SPARSE_TASK)!.validationScore,
      flags,
      secondsPerStep: done.seconds / done.stepsRun,
    };
    rows[name].push(row);
    console.log(
      `seed ${seed} ${name}: dense R² ${row.dense.toFixed(3)}, sparse R² ${row.sparse.toFixed(3)}, flags ${JSON.stringify(flags)}, ${(1000 * row.secondsPerStep).toFixed(1)} ms/step`,
    );
    for (const flag of health!.flags) console.log(`    ${flag.message}`);
  }
}

const sd = (xs: number[]) => Math.sqrt(xs.reduce((s, x) => s + (x - mean(xs)) ** 2, 0) / Math.max(xs.length - 1, 1));
const baseline = mean(rows['anomaly-mmoe'].map((r) => r.secondsPerStep));
console.log(`\n${values.backend}, ${values.seeds} seeds, ${values.steps ?? 'default'} steps`);
console.log(
  'model                 dense R²        sparse R²       collapse   degradation underfitting  time/step (× MMoE)',
);
for (const name of MODELS) {
  const r = rows[name];
  const stat = (xs: number[]) => `${mean(xs).toFixed(3)} ± ${sd(xs).toFixed(3)}`.padEnd(16);
  const anomaly = (a: string) =>
    `${r.filter((x) => x.flags[a] > 0).length}/${r.length} (${mean(r.map((x) => x.flags[a])).toFixed(1)})`.padEnd(12);
  console.log(
    `${name.padEnd(22)}${stat(r.map((x) => x.dense))}${stat(r.map((x) => x.sparse))}${HEALTH_ANOMALIES.map(anomaly).join('')}${(1000 * mean(r.map((x) => x.secondsPerStep))).toFixed(1)} ms (${(mean(r.map((x) => x.secondsPerStep)) / baseline).toFixed(2)}×)`,
  );
}
console.log('Anomaly columns: seeds with at least one flag / seeds (mean flags per seed), at the end of training.');
