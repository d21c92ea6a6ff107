// Real tables shipped with the app, from the vega-datasets npm package (read from its data/ folder:
// the package's own loader fetches from a CDN, which a static app without network cannot rely on).
import cars from '../../../../node_modules/vega-datasets/data/cars.json';
import penguins from '../../../../node_modules/vega-datasets/data/penguins.json';
import { tableFromRecords } from './records.ts';
import type { Table } from './table.ts';

export interface BuiltinTable {
  description: string;
  source: string;
  records: unknown[];
  /** A sensible multitask set-up: which columns to read and which to predict. */
  roles: { inputs: string[]; targets: string[] };
}

export const BUILTIN_TABLES: Record<string, BuiltinTable> = {
  cars: {
    description:
      '406 cars (1970–82): predict fuel economy, horsepower and acceleration from engine size, weight and origin',
    source: 'vega-datasets/data/cars.json (StatLib auto-mpg)',
    records: cars,
    roles: {
      inputs: ['Cylinders', 'Displacement', 'Weight_in_lbs', 'Origin'],
      targets: ['Miles_per_Gallon', 'Horsepower', 'Acceleration'],
    },
  },
  penguins: {
    description:
      '344 Palmer penguins: predict beak depth, flipper length and body mass from species, island, sex and beak length',
    source: 'vega-datasets/data/penguins.json (Palmer Station LTER)',
    records: penguins,
    roles: {
      inputs: ['Species', 'Island', 'Sex', 'Beak Length (mm)'],
      targets: ['Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)'],
    },
  },
};

const cache = new Map<string, Table>();

export function loadBuiltinTable(name: string): Table | undefined {
  const builtin = Object.hasOwn(BUILTIN_TABLES, name) ? BUILTIN_TABLES[name] : undefined;
  if (!builtin) return undefined;
  let table = cache.get(name);
  if (!table) {
    const result = tableFromRecords(builtin.records, name);
    if (!result.ok) throw new Error(`built-in table ${name}: ${result.error}`);
    table = result.table;
    cache.set(name, table);
  }
  return table;
}
