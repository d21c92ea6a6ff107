// The README of an exported project: what it is and how to run it on a laptop, a GPU and a cluster.
import type { ExperimentSpec } from '../../protocol/index.ts';
import type { Dataset } from '../data/dataset.ts';

export function projectReadme(spec: ExperimentSpec, dataset: Dataset): string {
  const moe = spec.model.kind === 'moe-lm';
  return `# ${spec.name} — exported from TaskLab

A standalone PyTorch project that reproduces the TaskLab experiment in \`spec.json\`: model
\`${spec.model.kind}\` on ${dataset.taskNames.length} task(s) (${dataset.taskNames.join(', ')}), ${spec.training.steps} steps of
${spec.training.optimizer} at learning rate ${spec.training.learningRate}, batch ${spec.training.batchSize}.
\`data/\` holds the exact rows the lab trains and validates on (.npy files, described by \`data/meta.json\`),
so the numbers are comparable with a run in the lab. It needs Python ≥ 3.9, PyTorch ≥ 1.13 and numpy.

## Run it

On a laptop (CPU):

    python3 train.py --out result.json${moe ? ' --trace trace.tlrt' : ''}

On a GPU:

    python3 train.py --device cuda --out result.json

On several processes or GPUs (PyTorch DistributedDataParallel; gloo on CPU, nccl on CUDA; the global
batch is split over the processes, so N processes take the same steps as one):

    torchrun --standalone --nproc_per_node 4 train.py --out result.json

On a cluster, start one \`torchrun\` per machine with \`--nnodes\`, \`--node_rank\` and
\`--rdzv_endpoint host:port\` instead of \`--standalone\` (see the torchrun documentation). Rank 0 writes
the files.

\`--steps N\` overrides the number of training steps.${
    moe
      ? ' `--trace FILE.tlrt` writes how the validation tokens were routed (see `tasklab_trace.py`).'
      : ' `--affinity lookahead|cosine` also measures task affinity on the shared parameters while training.'
  }

## Back in the lab

Drop \`result.json\`${moe ? ' (and the `.tlrt` trace)' : ''} on the TaskLab notebook that holds this experiment: the run joins the
experiment's run history, marked as run in PyTorch, and its curves, results and compare cells show it.
${moe ? 'The trace opens in a routing-trace cell. ' : ''}\`npx tasklab routing trace.tlrt\` computes the same routing statistics on the command line.

## Tracing your own MoE

\`tasklab_trace.py\` (standard library + numpy) writes TaskLab's binary routing trace from any PyTorch MoE;
its docstring shows the hook for a typical MoE block.
`;
}
