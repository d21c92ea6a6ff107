// A default affinity provider for the branching search, built on the engine's own training:
// for layer ℓ, train a branched network whose first ℓ layers follow the tree found so far (deeper
// layers still shared as in layer ℓ-1), then measure gradient cosine similarity (ALGORITHMS
// Part 1 §2.1) between the tasks of a node, on the kernel of the block they share at depth ℓ,
// averaged over a few minibatches. Simplification of AutoBRANE §5.2: one short warm-start run per
// layer (not per node, no frozen prefix) and cosine instead of Grad-TAG estimates. The affinity
// engine (src/engine/affinity/) can replace it through the same AffinityProvider signature.
// Graph (CLRS-lite) specs get a GNN whose processor rounds are branched the same way, and the
// cosine is taken over all weights of the node's message-passing layer at that round.
import * as tf from '@tensorflow/tfjs';
import type { ExperimentSpec } from '../../protocol/index.ts';
import { makeDataset } from '../data/index.ts';
import { getField, numTasks, splitDataset, type Dataset } from '../data/dataset.ts';
import { createBranchedNetwork } from '../models/branched.ts';
import { createModel } from '../models/index.ts';
import type { GnnModel } from '../models/gnn.ts';
import type { MultitaskModel } from '../models/model.ts';
import { createBatchSampler, gatherBatch, toDevice, type DeviceData } from '../train/batches.ts';
import { createTrainer } from '../train/trainer.ts';
import { createRng, deriveSeed } from '../util/random.ts';
import type { AffinityProvider } from './branching.ts';

export interface CosineProviderOptions {
  depth: number;
  /** Warm-start training steps per layer (default: the spec's steps, at most 300). */
  warmSteps?: number;
  /** Minibatches the cosines are averaged over. */
  batches?: number;
  /** The spec's dataset, when the caller has already made it (to size the backend by it). */
  dataset?: Dataset;
}

export interface CosineProvider {
  provider: AffinityProvider;
  taskNames: string[];
  /** Forward+backward passes spent measuring (not counting warm-start training). */
  passes(): number;
  dispose(): void;
}

const EPSILON = 1e-12;

/** A network whose blocks follow a tree, with the weights of the block of group g at depth ℓ. */
type ProbeNetwork = MultitaskModel & {
  tree: number[][][];
  blockVariables(layer: number, group: number): tf.Variable[];
};

function cosineMatrix(gradients: Float32Array[]): number[][] {
  const norms = gradients.map((g) => Math.sqrt(g.reduce((sum, v) => sum + v * v, 0)));
  return gradients.map((a, i) =>
    gradients.map((b, j) => {
      let dot = 0;
      for (let p = 0; p < a.length; p++) dot += a[p] * b[p];
      return dot / (norms[i] * norms[j] + EPSILON);
    }),
  );
}

/** Width of the probe network's blocks: the spec's own, where its model kind has one. */
function blockWidth(model: ExperimentSpec['model']): number {
  if (model.kind === 'branched') return model.width;
  if (model.kind === 'shared-bottom') return model.hidden[0];
  return 32;
}

export function createCosineProvider(spec: ExperimentSpec, options: CosineProviderOptions): CosineProvider {
  const { depth, warmSteps = Math.min(spec.training.steps, 300), batches = 8 } = options;
  const model = spec.model;
  const dataset = options.dataset ?? makeDataset(spec.dataset, spec.seed);
  const { train } = splitDataset(dataset, spec.training.validationFraction);
  const n = numTasks(dataset);
  const inputDim = model.kind === 'gnn' ? 0 : getField(dataset, 'x').shape[0];
  const width = blockWidth(model);
  const activation = 'activation' in model ? model.activation : 'relu';
  let data: DeviceData | null = null;
  let network: { layer: number; net: ProbeNetwork } | null = null;
  let passes = 0;

  /** A probe with `layers` as its tree: a branched MLP, or a GNN branched over its rounds. */
  const createProbe = (layers: number[][][], rng: ReturnType<typeof createRng>): ProbeNetwork => {
    if (model.kind === 'gnn') {
      const net = createModel({ ...model, layers: depth, tree: layers }, dataset, rng) as GnnModel;
      return Object.assign(net, { blockVariables: (l: number, g: number) => net.blocks[l][g].variables });
    }
    const net = createBranchedNetwork({ inputDim, numTasks: n, layers, width, activation }, rng);
    return Object.assign(net, { tree: layers, blockVariables: (l: number, g: number) => [net.blocks[l][g].kernel] });
  };

  const trainedNetwork = (layer: number, tree: number[][][]): ProbeNetwork => {
    if (network?.layer === layer) return network.net;
    network?.net.dispose();
    data ??= toDevice(train);
    const base = layer === 0 ? [Array.from({ length: n }, (_, i) => i)] : tree[layer - 1];
    const layers = [...tree.slice(0, layer), ...Array.from({ length: depth - layer }, () => base)];
    const net = createProbe(layers, createRng(deriveSeed(spec.seed, `branch/init/${layer}`)));
    const trainer = createTrainer(net, spec.training);
    const next = createBatchSampler(
      data.size,
      spec.training.batchSize,
      createRng(deriveSeed(spec.seed, `branch/warm/${layer}`)),
    );
    for (let step = 0; step < warmSteps; step++) {
      const batch = gatherBatch(data, next());
      tf.dispose([trainer.step(batch), ...Object.values(batch)]);
    }
    trainer.dispose();
    network = { layer, net };
    return net;
  };

  const provider: AffinityProvider = async (tasks, layer, tree) => {
    const net = trainedNetwork(layer, tree);
    const group = net.tree[layer].findIndex((g) => g.includes(tasks[0]));
    const block = net.blockVariables(layer, group);
    const next = createBatchSampler(
      data!.size,
      spec.training.batchSize,
      createRng(deriveSeed(spec.seed, `branch/measure/${layer}/${tasks.join(',')}`)),
    );
    const sum = tasks.map(() => new Array<number>(tasks.length).fill(0));
    for (let b = 0; b < batches; b++) {
      const batch = gatherBatch(data!, next());
      const gradients: Float32Array[] = [];
      for (const task of tasks) {
        // slice, not gather: gather's gradient needs UnsortedSegmentSum, which wasm lacks.
        const { value, grads } = tf.variableGrads(
          () => tf.tidy(() => net.taskLosses(batch).slice([task], [1]).sum() as tf.Scalar),
          block,
        );
        const joined = tf.tidy(() => tf.concat(block.map((v) => tf.reshape(grads[v.name] ?? tf.zerosLike(v), [-1]))));
        // Read asynchronously: WebGPU has no correct synchronous read (see webgpuReads.ts).
        gradients.push((await joined.data()) as Float32Array);
        tf.dispose([value, joined, ...Object.values(grads)]);
        passes++;
      }
      tf.dispose(Object.values(batch));
      cosineMatrix(gradients).forEach((row, i) => row.forEach((v, j) => (sum[i][j] += v / batches)));
    }
    return sum;
  };

  return {
    provider,
    taskNames: dataset.taskNames,
    passes: () => passes,
    dispose: () => {
      network?.net.dispose();
      data?.dispose();
    },
  };
}
