import type { ModelSpec } from '../../protocol.ts';
import type { Rng } from '../util/random.ts';
import type { MultitaskModel } from './model.ts';
import { createSharedBottom } from './sharedBottom.ts';

export function createModel(spec: ModelSpec, inputDim: number, numTasks: number, rng: Rng): MultitaskModel {
  switch (spec.kind) {
    case 'shared-bottom':
      return createSharedBottom({ inputDim, numTasks, hidden: spec.hidden, activation: spec.activation }, rng);
  }
}
