// Trains the four set-ups of one spec (single-task, all-shared, SDP groups, the searched tree) with
// the engine's own training loop, one after the other, posting each result as it lands.
import type { SetupComparison, SetupResult } from '../../protocol/branchTree.ts';
import { SETUP_IDS } from '../../protocol/branchTree.ts';
import type { JobInputs, JobResults } from '../../protocol/jobs.ts';
import { parseSpec } from '../../protocol/index.ts';
import { makeDataset } from '../data/index.ts';
import type { Dataset } from '../data/dataset.ts';
import { chooseGroupCount, createCosineProvider, parseAffinityMatrix } from '../grouping/index.ts';
import { blockWidthOf, setupLayers } from '../grouping/setups.ts';
import { runExperiment } from '../run.ts';
import type { JobContext } from './context.ts';
import { startJobBackend } from './startBackend.ts';

/** The affinity of all tasks: the search's root split when it made one, else measured now. */
async function rootAffinity(
  input: JobInputs['compare-setups'],
  spec: Parameters<typeof createCosineProvider>[0],
  dataset: Dataset,
  numTasks: number,
) {
  const root = input.tree.nodes.find((node) => node.tasks.length === numTasks);
  if (root) return root.affinity;
  const probe = createCosineProvider(spec, { depth: 2, dataset });
  try {
    const all = Array.from({ length: numTasks }, (_, t) => t);
    return await probe.provider(all, 1, [[all]]);
  } finally {
    probe.dispose();
  }
}

export async function compareSetupsJob(
  input: JobInputs['compare-setups'],
  context: JobContext<'compare-setups'>,
): Promise<JobResults['compare-setups']> {
  const parsed = parseSpec(input.spec);
  if (!parsed.ok) throw new Error(`Invalid experiment spec:\n${parsed.errors.join('\n')}`);
  const spec = parsed.spec;
  const { tree } = input;
  const numTasks = tree.taskNames.length;
  const depth = tree.layers.length;
  if (depth < 1 || tree.layers[0].flat().length !== numTasks)
    throw new Error(`the tree covers ${tree.layers[0]?.flat().length ?? 0} tasks, not the ${numTasks} it names`);
  // The probes and set-ups are branched networks (or the spec's GNN): no host reads, any backend that
  // fits the data.
  const dataset = makeDataset(spec.dataset, spec.seed);
  await startJobBackend(spec, dataset, context);

  context.progress({ type: 'stage', message: 'Grouping tasks by their affinity (SDP)…' });
  const affinity = parseAffinityMatrix(await rootAffinity(input, spec, dataset, numTasks));
  // k is not bounded by the tree's arity (this set-up is a flat grouping), but stays below n: all
  // singletons would only repeat the single-task row.
  const choice = chooseGroupCount(affinity, {
    kMax: Math.max(1, Math.min(8, numTasks - 1)),
    method: 'sdp',
    seed: spec.seed,
  });
  const width = blockWidthOf(spec.model);
  const activation = 'activation' in spec.model ? spec.model.activation : 'relu';

  const comparison: SetupComparison = {
    taskNames: tree.taskNames,
    scoreName: 'R²',
    steps: spec.training.steps,
    groupsExplanation: choice.explanation,
    setups: [],
  };
  for (const id of SETUP_IDS) {
    const layers = setupLayers(id, numTasks, depth, choice.result.groups, tree.layers);
    context.progress({
      type: 'stage',
      message: `Training: ${id} (${comparison.setups.length + 1} of ${SETUP_IDS.length})…`,
    });
    let params = 0;
    // A GNN keeps its encoder and decoders and branches its processor rounds; others get dense blocks.
    const model =
      spec.model.kind === 'gnn'
        ? { ...spec.model, layers: depth, tree: layers }
        : ({ kind: 'branched', layers, width, activation } as const);
    const done = await runExperiment(
      { ...spec, model, affinity: undefined },
      {
        keepBackend: true,
        emit: (event) => {
          if (event.type === 'started') {
            params = event.numParams;
            comparison.scoreName = event.scoreName;
          }
        },
      },
    );
    const result: SetupResult = {
      id,
      layers,
      params,
      seconds: done.seconds,
      validationLoss: done.tasks.map((t) => t.validationLoss),
      validationScore: done.tasks.map((t) => t.validationScore),
    };
    comparison.setups.push(result);
    context.progress({ type: 'setup', result });
  }
  return comparison;
}
