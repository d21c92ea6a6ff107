import type { DatasetSpec } from '../../protocol/index.ts';
import { makeClrsLiteDataset } from './clrsLite.ts';
import type { Dataset } from './dataset.ts';
import { makePlantedDataset } from './planted.ts';
import { makeTextDataset } from './text.ts';
import { makeTableDataset } from './table/fromSpec.ts';
import type { Table } from './table/table.ts';

export interface MakeDatasetOptions {
  /** Tables a `table` spec may name, besides the built-in ones. */
  tables?: Record<string, Table>;
  /** The run's validation fraction: table data computes normalisation on the training part only. */
  validationFraction?: number;
  /** Text of the built-in corpus domains a `text` spec may name (loaded by the worker or the CLI). */
  texts?: Record<string, string>;
}

export function makeDataset(spec: DatasetSpec, seed: number, options: MakeDatasetOptions = {}): Dataset {
  switch (spec.kind) {
    case 'planted':
      return makePlantedDataset({ ...spec, seed, validationFraction: options.validationFraction });
    case 'table':
      return makeTableDataset(spec, seed, {
        tables: options.tables,
        validationFraction: options.validationFraction ?? 0,
      });
    case 'text':
      return makeTextDataset(spec, seed, options.texts);
    case 'clrs-lite':
      return makeClrsLiteDataset({ ...spec, seed });
  }
}
