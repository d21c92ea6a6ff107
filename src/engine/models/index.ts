import type { ModelSpec } from '../../protocol/index.ts';
import { graphTasksOf } from '../data/clrsLite.ts';
import { getField, numTasks, type Dataset } from '../data/dataset.ts';
import type { Rng } from '../util/random.ts';
import { createBranchedNetwork } from './branched.ts';
import { createGnn } from './gnn.ts';
import { createHome } from './home.ts';
import type { MultitaskModel } from './model.ts';
import { createMmoe } from './mmoe.ts';
import { createMoeLm } from './moeLm.ts';
import { createPle } from './ple.ts';
import { createSharedBottom } from './sharedBottom.ts';
import { createTaskExpert } from './taskExpert.ts';

export function createModel(spec: ModelSpec, data: Dataset, rng: Rng): MultitaskModel {
  if (spec.kind === 'moe-lm') return createMoeLm(spec, data, rng);
  // Graph models read graph fields; every other kind reads the tabular `x`.
  const inputDim = spec.kind === 'gnn' ? 0 : getField(data, 'x').shape[0];
  switch (spec.kind) {
    case 'shared-bottom':
      return createSharedBottom(
        { inputDim, numTasks: numTasks(data), hidden: spec.hidden, activation: spec.activation },
        rng,
      );
    case 'branched':
      return createBranchedNetwork(
        { inputDim, numTasks: numTasks(data), layers: spec.layers, width: spec.width, activation: spec.activation },
        rng,
      );
    case 'mmoe': {
      const { kind: _, ...options } = spec;
      return createMmoe({ ...options, inputDim, numTasks: numTasks(data) }, rng);
    }
    case 'ple': {
      const { kind: _, ...options } = spec;
      return createPle({ ...options, inputDim, numTasks: numTasks(data) }, rng);
    }
    case 'home': {
      const { kind: _, ...options } = spec;
      return createHome({ ...options, inputDim, numTasks: numTasks(data) }, rng);
    }
    case 'task-expert': {
      const { kind: _, ...options } = spec;
      return createTaskExpert({ ...options, inputDim, numTasks: numTasks(data) }, rng);
    }
    case 'gnn':
      return createGnn(
        {
          tasks: graphTasksOf(data),
          hidden: spec.hidden,
          layers: spec.layers,
          aggregation: spec.aggregation,
          tree: spec.tree,
        },
        rng,
      );
  }
}
