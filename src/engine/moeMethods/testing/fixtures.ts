// Small models and corpora shared by the moeMethods tests.
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { buildCorpus, type TextCorpus } from '../../data/textCorpus.ts';
import { createMoeTransformer, type MoeTransformer, type MoeTransformerOptions } from '../../models/moeTransformer.ts';
import type { RouterOptions } from '../../models/moe/types.ts';
import { createRng } from '../../util/random.ts';

export const toyCorpus = () =>
  buildCorpus([
    { name: 'letters', text: 'abcab cabca bcabc acbac bacba '.repeat(6) },
    { name: 'symbols', text: 'xyz;x yzxy; zyx;z xzy;y '.repeat(6) },
  ]);

/** The multi-domain corpus the app ships (public/corpus). */
export function shippedCorpus(): TextCorpus {
  const root = new URL('../../../../public/corpus/', import.meta.url);
  const index = JSON.parse(readFileSync(new URL('index.json', root), 'utf8')) as {
    domains: { name: string; file: string }[];
  };
  return buildCorpus(index.domains.map((d) => ({ name: d.name, text: readFileSync(new URL(d.file, root), 'utf8') })));
}

export function tinyLm(
  vocabSize: number,
  router: RouterOptions = { kind: 'topk', k: 1 },
  extra: Partial<MoeTransformerOptions> = {},
  seed = 1,
): MoeTransformer {
  return createMoeTransformer(
    {
      vocabSize,
      contextLength: 16,
      dModel: 16,
      numHeads: 2,
      numLayers: 2,
      numExperts: 4,
      expertHidden: 16,
      router,
      ...extra,
    },
    createRng(seed),
  );
}

export function assignValue(variable: tf.Variable, values: Float32Array | number[]): void {
  const t = tf.tensor(values, variable.shape);
  variable.assign(t);
  t.dispose();
}
