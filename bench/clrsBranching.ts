// AutoBRANE-lite on the `clrs-lite` example (issue 14 item 3): the branching search over the
// GNN's processor rounds, then the four set-ups (single-task GNNs, all-shared GNN, one GNN per SDP
// group, the branched GNN) trained with the example's settings; prints the tree and per-task
// validation scores (accuracy for binary tasks, R² for regression).
// Run: npx tsx bench/clrsBranching.ts [seed] [depth] [arity]   (BACKEND=cpu|wasm, default wasm)
import * as tf from '@tensorflow/tfjs';
import { EXAMPLES } from '../src/shared/examples.ts';
import { ExperimentSpec } from '../src/protocol/index.ts';
import { nodeWasmFolder } from '../src/cli/io.ts';
import { runJob } from '../src/engine/jobs/index.ts';

tf.env().set('PROD', true);
const [seed = 1, depth = 3, arity = 2] = process.argv.slice(2).map(Number);
const backend = (process.env.BACKEND ?? 'wasm') as 'cpu' | 'wasm';
const spec = { ...ExperimentSpec.parse(EXAMPLES['clrs-lite'].spec(seed)), backend };
const folder = nodeWasmFolder();
const wasmPaths = Object.fromEntries(
  ['', '-simd', '-threaded-simd'].map((v) => [`tfjs-backend-wasm${v}.wasm`, `${folder}tfjs-backend-wasm${v}.wasm`]),
);
const context = { signal: new AbortController().signal, progress: () => {}, wasmPaths };

const tree = await runJob('branch', { spec, depth, arity }, context);
const names = tree.taskNames;
const label = (groups: number[][]) => groups.map((g) => `{${g.map((t) => names[t]).join(', ')}}`).join(' ');
console.log(`Tree (${backend}, seed ${seed}, depth ${depth}, arity ${arity}, ${tree.seconds.toFixed(1)} s):`);
tree.layers.forEach((groups, l) => console.log(`  round ${l}: ${label(groups)}`));

const comparison = await runJob('compare-setups', { spec, tree }, context);
const rows = comparison.setups.map((s) => ({
  setup: s.id,
  params: s.params,
  seconds: +s.seconds.toFixed(1),
  ...Object.fromEntries(names.map((name, t) => [name, +s.validationScore[t].toFixed(3)])),
  mean: +(s.validationScore.reduce((a, b) => a + b, 0) / names.length).toFixed(3),
}));
console.table(rows);
console.log(`SDP groups: ${label(comparison.setups.find((s) => s.id === 'groups')!.layers[0])}`);
