// The `text` dataset: seeded windows of multi-domain character text as a Dataset, so the ordinary
// training loop (device data, shuffled batches, validation split) serves the MoE language model.
// Each domain is one "task": its loss is the mean next-character cross-entropy of its windows.
import type { TextDatasetSpec } from '../../protocol/index.ts';
import { createRng, deriveSeed } from '../util/random.ts';
import type { Dataset } from './dataset.ts';
import { DatasetError } from './table/fromSpec.ts';
import { buildCorpus, sampleTextBatch } from './textCorpus.ts';

export function makeTextDataset(spec: TextDatasetSpec, seed: number, loaded: Record<string, string> = {}): Dataset {
  const domains = spec.domains.map((name) => {
    const text = spec.texts?.[name] ?? loaded[name];
    if (text === undefined)
      throw new DatasetError(
        `dataset.domains: text domain "${name}" is not loaded (built-in: prose, code, numbers; or give dataset.texts["${name}"])`,
      );
    if ([...text].length < spec.windowLength + 1) {
      throw new DatasetError(
        `dataset.domains: domain "${name}" has fewer than windowLength + 1 = ${spec.windowLength + 1} characters`,
      );
    }
    return { name, text };
  });
  const corpus = buildCorpus(domains);
  const windows = sampleTextBatch(
    corpus,
    spec.numSamples,
    spec.windowLength,
    createRng(deriveSeed(seed, 'text/windows')),
  );
  return {
    name: 'text',
    taskNames: corpus.domains,
    numSamples: spec.numSamples,
    vocab: corpus.vocab,
    fields: {
      inputs: { values: Float32Array.from(windows.inputs), shape: [spec.windowLength] },
      targets: { values: Float32Array.from(windows.targets), shape: [spec.windowLength] },
      domain: { values: Float32Array.from(windows.domain), shape: [1] },
    },
  };
}
