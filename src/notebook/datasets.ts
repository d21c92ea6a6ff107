// Dataset cells and the experiments that use them: names, built-in tables, and a starting spec.
import { ExperimentSpec } from '../protocol/index.ts';
import type { CellOf, Notebook } from './schema.ts';

export interface DatasetRoles {
  inputs: string[];
  targets: string[];
  taskColumn?: string;
}

/**
 * The built-in tables the Add menu offers, with their suggested roles. The engine holds the rows
 * (src/engine/data/table/builtin.ts); a test checks that both agree.
 */
export const BUILTIN_DATASETS: Record<string, { label: string; description: string; roles: DatasetRoles }> = {
  cars: {
    label: 'Cars',
    description: '406 cars (1970–82): fuel economy, horsepower and acceleration from engine size, weight and origin',
    roles: {
      inputs: ['Cylinders', 'Displacement', 'Weight_in_lbs', 'Origin'],
      targets: ['Miles_per_Gallon', 'Horsepower', 'Acceleration'],
    },
  },
  penguins: {
    label: 'Penguins',
    description:
      '344 Palmer penguins: beak depth, flipper length and body mass from species, island, sex and beak length',
    roles: {
      inputs: ['Species', 'Island', 'Sex', 'Beak Length (mm)'],
      targets: ['Beak Depth (mm)', 'Flipper Length (mm)', 'Body Mass (g)'],
    },
  },
};

/** A file name without its extension, reduced to a short readable dataset name. */
export function datasetNameFromFile(fileName: string): string {
  const base = fileName
    .replace(/\.[^.]*$/, '')
    .replace(/[^\w .()-]+/g, ' ')
    .trim()
    .slice(0, 60);
  return base || 'data';
}

/** `name`, or `name 2`, `name 3`… when another dataset cell already uses it. */
export function uniqueDatasetName(notebook: Notebook, name: string, exceptCellId?: string): string {
  const taken = new Set(
    notebook.cells
      .filter((c) => c.kind === 'dataset' && c.id !== exceptCellId)
      .map((c) => (c as CellOf<'dataset'>).name),
  );
  if (!taken.has(name)) return name;
  for (let i = 2; ; i++) if (!taken.has(`${name} ${i}`)) return `${name} ${i}`;
}

export interface TableExperimentOptions {
  normalize: boolean;
  validationFraction: number;
  seed?: number;
}

/** A small shared-bottom experiment on a dataset cell's table (by name, resolved when it runs). */
export function tableExperimentSpec(
  name: string,
  roles: DatasetRoles,
  options: TableExperimentOptions,
): ExperimentSpec {
  return ExperimentSpec.parse({
    name: `${name}: shared bottom`,
    seed: options.seed ?? 1,
    dataset: {
      kind: 'table',
      table: name,
      inputs: roles.inputs,
      targets: roles.targets,
      ...(roles.taskColumn === undefined ? {} : { taskColumn: roles.taskColumn }),
      normalize: options.normalize,
    },
    model: { kind: 'shared-bottom', hidden: [32, 32], activation: 'relu' },
    training: {
      steps: 300,
      batchSize: 32,
      learningRate: 0.005,
      optimizer: 'adam',
      validationFraction: options.validationFraction,
    },
  });
}
