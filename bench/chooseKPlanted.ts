// Automatic k (chooseGroupCount) on measured affinity matrices of the default `planted` example with
// n = 8/K = 2, 16/4, 40/5 (issue 14 item 4): the chosen k and whether the partition is the planted one.
// Run: npx tsx bench/chooseKPlanted.ts [seeds…]   (METHODS=lookahead,cosine[,bruteforce])
import * as tf from '@tensorflow/tfjs';
import { EXAMPLES } from '../src/shared/examples.ts';
import { ExperimentSpec } from '../src/protocol/index.ts';
import { nodeWasmFolder } from '../src/cli/io.ts';
import { initBackend } from '../src/engine/backend.ts';
import { computeAffinity, type AffinityMethod } from '../src/engine/affinity/methods.ts';
import { chooseGroupCount } from '../src/engine/grouping/chooseK.ts';
import { squareFromRows } from '../src/engine/grouping/matrix.ts';
import { toRows } from '../src/engine/affinity/scoring.ts';
import { samePartition } from '../src/engine/grouping/testMatrices.ts';

tf.env().set('PROD', true);
await initBackend('wasm', { wasmPaths: nodeWasmFolder() });
const seeds = process.argv.slice(2).map(Number);
const methods = (process.env.METHODS ?? 'lookahead,cosine').split(',') as AffinityMethod[];
for (const [numTasks, numGroups] of [
  [8, 2],
  [16, 4],
  [40, 5],
]) {
  for (const seed of seeds.length ? seeds : [1, 2]) {
    const base = EXAMPLES.planted.spec(seed);
    const spec = ExperimentSpec.parse({ ...base, dataset: { ...base.dataset, numTasks, numGroups } });
    for (const method of methods) {
      if (method === 'bruteforce' && numTasks > 8) continue;
      const result = await computeAffinity(spec, method);
      const choice = chooseGroupCount(squareFromRows(toRows(result.matrix, numTasks)), { kMax: 8, seed });
      const planted = samePartition(choice.result.assignment, result.plantedGroups!);
      console.log(
        JSON.stringify({
          numTasks,
          numGroups,
          seed,
          method,
          k: choice.k,
          planted,
          seconds: +result.cost.seconds.toFixed(1),
        }),
      );
    }
  }
}
