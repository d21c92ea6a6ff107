import type { DatasetSpec } from '../../protocol.ts';
import { makeClrsLiteDataset } from './clrsLite.ts';
import type { Dataset } from './dataset.ts';
import { makePlantedDataset } from './planted.ts';

export function makeDataset(spec: DatasetSpec, seed: number): Dataset {
  switch (spec.kind) {
    case 'planted':
      return makePlantedDataset({ ...spec, seed });
    case 'clrs-lite':
      return makeClrsLiteDataset({ ...spec, seed });
  }
}
