// Built-in example specs, by name: what `tasklab example` prints and the lab offers as starting points.
// Plain data beside the protocol, so the UI, the CLI and the engine can all read them.
import type { ExperimentSpecInput } from '../protocol/index.ts';

export interface Example {
  description: string;
  spec(seed: number): ExperimentSpecInput;
}

/**
 * The anomaly data set (issue 20): 4 planted tasks on non-negative inputs (like counts or ReLU embeddings),
 * task3 labelled on 2% of the training rows, trained at a learning rate high enough for ReLU experts to die.
 * Why 0.04 (bench/expertHealth.ts, wasm, seeds 1–20): HoME has no flag on 19 seeds at 0.04 but on only 13
 * at 0.05, where task3's gates (trained by ~1 labelled row per batch) saturate under Adam; MMoE / PLE are
 * flagged on 16 / 18 at 0.04. Lower rates keep MMoE's experts alive (seeds 1–5 at 0.02: MMoE never flagged).
 */
const anomaly =
  (name: string, model: ExperimentSpecInput['model']) =>
  (seed: number): ExperimentSpecInput => ({
    name,
    seed,
    dataset: {
      kind: 'planted',
      numTasks: 4,
      numGroups: 2,
      inputDim: 16,
      numSamples: 2048,
      noise: 0.1,
      labelShares: [1, 1, 1, 0.02],
      nonNegativeInputs: true,
    },
    model,
    training: { steps: 300, batchSize: 64, learningRate: 0.04, optimizer: 'adam', validationFraction: 0.2 },
  });

export const EXAMPLES: Record<string, Example> = {
  planted: {
    description: '8 regression tasks in 2 planted clusters, shared-bottom MLP, Adam',
    spec: (seed) => ({
      name: 'Planted clusters',
      seed,
      dataset: { kind: 'planted', numTasks: 8, numGroups: 2, inputDim: 16, numSamples: 2048, noise: 0.1 },
      model: { kind: 'shared-bottom', hidden: [64, 64], activation: 'relu' },
      training: { steps: 300, batchSize: 64, learningRate: 0.005, optimizer: 'adam', validationFraction: 0.2 },
    }),
  },
  'planted-mmoe': {
    description: 'the planted tasks on MMoE: 4 shared experts, one softmax gate per task, Switch balance + z-loss',
    spec: (seed) => ({
      name: 'Planted clusters, MMoE',
      seed,
      dataset: { kind: 'planted', numTasks: 8, numGroups: 2, inputDim: 16, numSamples: 2048, noise: 0.1 },
      model: {
        kind: 'mmoe',
        numExperts: 4,
        expertHidden: 32,
        expertOutput: 16,
        towerHidden: 16,
        gate: 'softmax',
        k: 2,
        balanceWeight: 0.01,
        zLossWeight: 0.001,
      },
      training: { steps: 300, batchSize: 64, learningRate: 0.005, optimizer: 'adam', validationFraction: 0.2 },
    }),
  },
  'planted-ple': {
    description: 'the planted tasks on PLE: 2 levels, 1 expert per task + 2 shared experts per level',
    spec: (seed) => ({
      name: 'Planted clusters, PLE',
      seed,
      dataset: { kind: 'planted', numTasks: 8, numGroups: 2, inputDim: 16, numSamples: 2048, noise: 0.1 },
      model: {
        kind: 'ple',
        numLevels: 2,
        taskExperts: 1,
        sharedExperts: 2,
        expertHidden: 32,
        expertOutput: 16,
        towerHidden: 16,
      },
      training: { steps: 300, batchSize: 64, learningRate: 0.005, optimizer: 'adam', validationFraction: 0.2 },
    }),
  },
  'anomaly-mmoe': {
    description:
      'the anomaly data set (task3 has 2% of the labels, non-negative inputs) on MMoE with ReLU experts: watch the expert health view',
    spec: anomaly('Expert anomalies, MMoE', {
      kind: 'mmoe',
      numExperts: 4,
      expertHidden: 16,
      expertOutput: 16,
      towerHidden: 16,
    }),
  },
  'anomaly-ple': {
    description: 'the anomaly data set on a one-level PLE (an own expert per task + 2 shared, ReLU)',
    spec: anomaly('Expert anomalies, PLE', {
      kind: 'ple',
      numLevels: 1,
      taskExperts: 1,
      sharedExperts: 2,
      expertHidden: 16,
      expertOutput: 16,
      towerHidden: 16,
    }),
  },
  'anomaly-home': {
    description:
      'the anomaly data set on HoME: expert normalisation + Swish, hierarchy mask (categories = planted groups), feature and self gates',
    spec: anomaly('Expert anomalies, HoME', {
      kind: 'home',
      taskExperts: 1,
      sharedExperts: 2,
      categoryExperts: 1,
      categories: [0, 1, 0, 1],
      expertHidden: 16,
      expertOutput: 16,
      towerHidden: 16,
    }),
  },
  'anomaly-task-expert': {
    description:
      'the anomaly data set on TaskExpert: 2 layers of 4 experts, per-sample task gates, multi-task feature memory',
    spec: anomaly('Expert anomalies, TaskExpert', {
      kind: 'task-expert',
      numLayers: 2,
      numExperts: 4,
      width: 16,
      expertHidden: 16,
      towerHidden: 16,
    }),
  },
  'moe-lm': {
    description:
      'a tiny char-level transformer LM with MoE feed-forward layers on prose, code and numbers (2 layers, 4 experts, top-2)',
    spec: (seed) => ({
      name: 'MoE language model',
      seed,
      dataset: { kind: 'text', domains: ['prose', 'code', 'numbers'], windowLength: 24, numSamples: 480 },
      model: {
        kind: 'moe-lm',
        dModel: 24,
        numHeads: 2,
        numLayers: 2,
        numExperts: 4,
        expertHidden: 24,
        router: 'topk',
        k: 2,
        topP: 0.6,
        balanceWeight: 0.01,
        zLossWeight: 0.001,
      },
      training: { steps: 200, batchSize: 12, learningRate: 0.01, optimizer: 'adam', validationFraction: 0.1 },
    }),
  },
  'clrs-lite': {
    description:
      '7 graph-algorithm tasks (BFS, shortest paths, components, MST, topological order) on random graphs, message-passing GNN',
    spec: (seed) => ({
      name: 'CLRS-lite',
      seed,
      dataset: {
        kind: 'clrs-lite',
        numGraphs: 1500,
        numNodes: [8, 12],
        edgeProbability: [0.1, 0.35],
        connectedFraction: 0.5,
        tasks: ['bfs-reach', 'bfs-hops', 'sp-dist', 'sp-tree', 'components', 'mst', 'topo-order'],
      },
      model: { kind: 'gnn', hidden: 32, layers: 3, aggregation: 'attention' },
      training: { steps: 300, batchSize: 16, learningRate: 0.005, optimizer: 'adam', validationFraction: 0.2 },
    }),
  },
};
