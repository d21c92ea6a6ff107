// Writes an experiment as a standalone PyTorch project (ALGORITHMS.md §0 `export`): train.py for the
// spec's model family, the exact training and validation rows the lab would use, spec.json,
// tasklab_trace.py and a README. Pure: returns the files; the CLI writes them, the lab zips them.
import { parseSpec, type ExperimentSpec } from '../../protocol/index.ts';
import { GRAPH_TASKS } from '../data/clrsTasks.ts';
import { splitDataset, type Dataset } from '../data/dataset.ts';
import { makeDataset, type MakeDatasetOptions } from '../data/index.ts';
import { encodeNpy } from './npy.ts';
import { projectReadme } from './readme.ts';
import { NO_SCALE, scaleSpec, type Scale } from './scale.ts';

/** The Python sources (python/ in the repo), passed in so Node reads files and the browser bundles them. */
export interface PythonTemplates {
  multitask: string;
  gnn: string;
  moeLm: string;
  trace: string;
}

export type ProjectFiles = Record<string, string | Uint8Array>;

export interface ExportOptions extends Omit<MakeDatasetOptions, 'validationFraction'> {
  templates: PythonTemplates;
  scale?: Scale;
}

const trainScript = (spec: ExperimentSpec, templates: PythonTemplates) =>
  spec.model.kind === 'gnn' ? templates.gnn : spec.model.kind === 'moe-lm' ? templates.moeLm : templates.multitask;

/** Field names may hold "/" (graph tasks' "sp-tree/target"); file names may not. */
export const fieldFile = (split: 'train' | 'validation', field: string) =>
  `data/${split}_${field.replaceAll('/', '__')}.npy`;

function dataFiles(dataset: Dataset, fraction: number): ProjectFiles {
  const { train, validation } = splitDataset(dataset, fraction);
  const files: ProjectFiles = {};
  for (const [split, part] of [
    ['train', train],
    ['validation', validation],
  ] as const) {
    for (const [name, field] of Object.entries(part.fields))
      files[fieldFile(split, name)] = encodeNpy(field.values, [part.numSamples, ...field.shape]);
  }
  const meta = {
    taskNames: dataset.taskNames,
    fields: Object.fromEntries(
      Object.keys(dataset.fields).map((name) => [
        name,
        {
          train: fieldFile('train', name),
          validation: fieldFile('validation', name),
          shape: dataset.fields[name].shape,
        },
      ]),
    ),
    numTrain: train.numSamples,
    numValidation: validation.numSamples,
    ...(dataset.plantedGroups ? { plantedGroups: dataset.plantedGroups } : {}),
    ...(dataset.vocab ? { vocab: dataset.vocab } : {}),
    ...(dataset.taskNames.every((name) => name in GRAPH_TASKS) && 'adj' in dataset.fields
      ? { graphTasks: dataset.taskNames.map((name) => GRAPH_TASKS[name as keyof typeof GRAPH_TASKS]) }
      : {}),
  };
  files['data/meta.json'] = `${JSON.stringify(meta, null, 1)}\n`;
  return files;
}

export function exportProject(input: unknown, options: ExportOptions): ProjectFiles {
  const parsed = parseSpec(input);
  if (!parsed.ok) throw new Error(`Invalid experiment spec:\n${parsed.errors.join('\n')}`);
  const spec = scaleSpec(parsed.spec, options.scale ?? NO_SCALE);
  const fraction = spec.training.validationFraction;
  const dataset = makeDataset(spec.dataset, spec.seed, {
    tables: options.tables,
    texts: options.texts,
    validationFraction: fraction,
  });
  return {
    'train.py': trainScript(spec, options.templates),
    'tasklab_trace.py': options.templates.trace,
    'spec.json': `${JSON.stringify(spec, null, 2)}\n`,
    'README.md': projectReadme(spec, dataset),
    ...dataFiles(dataset, fraction),
  };
}
