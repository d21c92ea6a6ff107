// Built-in example specs, by name: what `tasklab example` prints and the lab offers as starting points.
// Plain data beside the protocol, so the UI, the CLI and the engine can all read them.
import type { ExperimentSpecInput } from './protocol.ts';

export interface Example {
  description: string;
  spec(seed: number): ExperimentSpecInput;
}

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
};
