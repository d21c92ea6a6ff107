import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { MoeLmSpec, TextDatasetSpec } from '../../protocol/index.ts';
import { selectRows } from '../data/dataset.ts';
import { makeTextDataset } from '../data/text.ts';
import { useCpuBackend } from '../testing/setup.ts';
import { toDevice } from '../train/batches.ts';
import { createRng } from '../util/random.ts';
import { createMoeLm, lmRouter } from './moeLm.ts';

beforeAll(useCpuBackend);

const data = makeTextDataset(
  TextDatasetSpec.parse({
    kind: 'text',
    domains: ['a', 'b'],
    windowLength: 6,
    numSamples: 16,
    texts: { a: 'abab cdcd '.repeat(5), b: '12+34=46; '.repeat(5) },
  }),
  3,
);

describe('text dataset', () => {
  it('holds seeded windows with next-character targets, a domain per window and the shared vocabulary', () => {
    expect(data.taskNames).toEqual(['a', 'b']);
    expect(data.fields.inputs.shape).toEqual([6]);
    const ids = data.fields.inputs.values;
    const targets = data.fields.targets.values;
    for (let i = 0; i < 5; i++) expect(targets[i]).toBe(ids[i + 1]); // targets are the inputs shifted by one
    expect(new Set(data.fields.domain.values)).toEqual(new Set([0, 1]));
    expect(data.vocab).toEqual([...new Set('abab cdcd 12+34=46; ')].sort());
  });
});

describe('MoE language model as a multitask model', () => {
  it('maps router settings', () => {
    expect(lmRouter(MoeLmSpec.parse({ kind: 'moe-lm', router: 'topp', topP: 0.7 }))).toEqual({
      kind: 'topp',
      threshold: 0.7,
      capacityFactor: undefined,
    });
    expect(lmRouter(MoeLmSpec.parse({ kind: 'moe-lm', numExperts: 2, k: 4 }))).toMatchObject({ kind: 'topk', k: 2 });
  });

  it('reports a domain absent from the batch at the batch mean, not 0', () => {
    const model = createMoeLm(
      MoeLmSpec.parse({ kind: 'moe-lm', dModel: 8, numHeads: 2, numLayers: 1, numExperts: 2, expertHidden: 4 }),
      data,
      createRng(1),
    );
    const domain = data.fields.domain.values;
    const onlyA = [...domain.keys()].filter((i) => domain[i] === 0).slice(0, 3);
    const device = toDevice(selectRows(data, onlyA));
    const before = tf.memory().numTensors;
    const losses = model.taskLosses(device.tensors);
    const [a, b] = losses.dataSync();
    losses.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeCloseTo(a, 5); // only domain a present: the batch mean is a's loss
    device.dispose();
    model.dispose();
  });
});
