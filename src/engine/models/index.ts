import type { ModelSpec } from '../../protocol.ts';
import { graphTasksOf } from '../data/clrsLite.ts';
import { getField, numTasks, type Dataset } from '../data/dataset.ts';
import type { Rng } from '../util/random.ts';
import { createGnn } from './gnn.ts';
import type { MultitaskModel } from './model.ts';
import { createSharedBottom } from './sharedBottom.ts';

export function createModel(spec: ModelSpec, data: Dataset, rng: Rng): MultitaskModel {
  switch (spec.kind) {
    case 'shared-bottom': {
      const inputDim = getField(data, 'x').shape[0];
      return createSharedBottom({ inputDim, numTasks: numTasks(data), hidden: spec.hidden, activation: spec.activation }, rng);
    }
    case 'gnn':
      return createGnn({ tasks: graphTasksOf(data), hidden: spec.hidden, layers: spec.layers, aggregation: spec.aggregation }, rng);
  }
}
