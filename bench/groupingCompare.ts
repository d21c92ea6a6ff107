// Set-up comparison on planted data: single-task models, one all-shared model, one model per SDP
// group and the searched branching tree, each trained with the same steps, width and depth through
// the same jobs the page runs (branch, compare-setups). Prints per-task validation R², mean R²,
// parameters and training seconds (wall) side by side. Not on CLRS-lite: the search and the
// branched model need tabular inputs and CLRS-lite is graph data (both jobs refuse it with a
// message). One case keeps it near 2 minutes on a loaded machine; add to CASES for more.
// Run: npx tsx bench/groupingCompare.ts
import * as tf from '@tensorflow/tfjs';
import { SETUP_LABELS } from '../src/protocol/branchTree.ts';
import { runJob } from '../src/engine/jobs/index.ts';

const CASES = [{ name: '8 tasks, 4 planted groups', numTasks: 8, numGroups: 4 }];

const pad = (cells: (string | number)[], widths: number[]) =>
  cells.map((c, i) => String(c).padStart(widths[i])).join('  ');
const signal = new AbortController().signal;

async function compare(numTasks: number, numGroups: number) {
  const spec = {
    seed: 1,
    backend: 'cpu',
    dataset: { kind: 'planted', numTasks, numGroups, inputDim: 16, numSamples: 2048, noise: 0.1 },
    model: { kind: 'shared-bottom', hidden: [32], activation: 'relu' },
    training: { steps: 200, batchSize: 64, learningRate: 0.005 },
  };
  const tree = await runJob('branch', { spec, depth: 3, arity: 2 }, { signal, progress: () => {} });
  console.log(
    `tree (${tree.seconds.toFixed(1)} s, ${tree.affinityCalls} affinity calls): ${tree.layers.map((l) => l.map((g) => `{${g.join(',')}}`).join(' ')).join(' | ')}`,
  );
  const result = await runJob('compare-setups', { spec, tree }, { signal, progress: () => {} });
  const widths = [20, ...result.taskNames.map(() => 6), 6, 7, 6];
  console.log(pad(['set-up', ...result.taskNames.map((_, t) => `t${t}`), 'mean', 'params', 'sec'], widths));
  for (const s of result.setups) {
    const mean = s.validationScore.reduce((a, b) => a + b, 0) / s.validationScore.length;
    console.log(
      pad(
        [
          SETUP_LABELS[s.id] + (s.id === 'groups' ? ` (${s.layers[0].length})` : ''),
          ...s.validationScore.map((v) => v.toFixed(3)),
          mean.toFixed(3),
          s.params,
          s.seconds.toFixed(1),
        ],
        widths,
      ),
    );
  }
}

tf.env().set('PROD', true);
for (const c of CASES) {
  console.log(`\nPlanted, ${c.name}: validation R² per task (depth 3, arity 2, width 32, 200 Adam steps each)`);
  await compare(c.numTasks, c.numGroups);
}
