// The branching search as a job: the cosine-affinity provider trains a probe network per layer and
// every split is posted as it is found, so the page draws the tree growing.
import type { BranchTree } from '../../protocol/branchTree.ts';
import type { JobInputs, JobResults } from '../../protocol/jobs.ts';
import { parseSpec } from '../../protocol/index.ts';
import { makeDataset } from '../data/index.ts';
import { createCosineProvider, searchBranching } from '../grouping/index.ts';
import type { JobContext } from './context.ts';
import { startJobBackend } from './startBackend.ts';

export async function branchJob(
  input: JobInputs['branch'],
  context: JobContext<'branch'>,
): Promise<JobResults['branch']> {
  const parsed = parseSpec(input.spec);
  if (!parsed.ok) throw new Error(`Invalid experiment spec:\n${parsed.errors.join('\n')}`);
  const spec = parsed.spec;
  const { depth, arity } = input;
  if (!Number.isInteger(depth) || depth < 1 || depth > 8)
    throw new Error(`depth must be a whole number from 1 to 8, got ${depth}`);
  if (!Number.isInteger(arity) || arity < 1 || arity > 16)
    throw new Error(`arity must be a whole number from 1 to 16, got ${arity}`);
  // The probes are branched networks (or the spec's GNN): no host reads, any backend that fits the data.
  const dataset = makeDataset(spec.dataset, spec.seed);
  await startJobBackend(spec, dataset, context);

  const started = performance.now();
  const affinity = createCosineProvider(spec, { depth, warmSteps: input.warmSteps, dataset });
  context.progress({ type: 'started', taskNames: affinity.taskNames, depth, arity });
  const provider: typeof affinity.provider = (tasks, layer, tree) => {
    context.progress({ type: 'measuring', layer, tasks });
    return affinity.provider(tasks, layer, tree);
  };
  try {
    const result = await searchBranching(affinity.taskNames.length, provider, {
      depth,
      arity,
      seed: spec.seed,
      signal: context.signal,
      onNode: (node) =>
        context.progress({
          type: 'node',
          node: { ...node, tasks: node.tasks.slice(), children: node.children.map((c) => c.slice()) },
        }),
    });
    const tree: BranchTree = {
      taskNames: affinity.taskNames,
      depth,
      arity,
      layers: result.layers,
      nodes: result.nodes,
      affinityCalls: result.affinityCalls,
      seconds: (performance.now() - started) / 1000,
    };
    return tree;
  } finally {
    affinity.dispose();
  }
}
