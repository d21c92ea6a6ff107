// Trains the tiny MoE transformer LM on the shipped multi-domain corpus (public/corpus) in Node and
// prints per-domain loss, per-layer load CV and drop rate, and domain × expert usage.
// Run: npx tsx bench/moeLm.ts [--backend wasm|cpu] [--steps N] [--balance α]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { nodeWasmFolder } from '../src/cli/io.ts';
import { buildCorpus, sampleTextBatch } from '../src/engine/data/textCorpus.ts';
import { createMoeTransformer } from '../src/engine/models/moeTransformer.ts';
import type { RoutingInfo } from '../src/engine/models/moe/types.ts';
import { createRng } from '../src/engine/util/random.ts';

const { values } = parseArgs({
  options: {
    backend: { type: 'string', default: 'wasm' },
    steps: { type: 'string', default: '150' },
    balance: { type: 'string', default: '0.01' },
  },
});
const STEPS = Number(values.steps);
const BATCH = 16;
const LENGTH = 32;

const index = JSON.parse(readFileSync('public/corpus/index.json', 'utf8')) as {
  domains: { name: string; file: string }[];
};
const corpus = buildCorpus(
  index.domains.map((d) => ({ name: d.name, text: readFileSync(`public/corpus/${d.file}`, 'utf8') })),
);
const numDomains = corpus.domains.length;

function loadCV(load: Float32Array) {
  const mean = load.reduce((a, b) => a + b, 0) / load.length;
  const std = Math.sqrt(load.reduce((s, l) => s + (l - mean) ** 2, 0) / load.length);
  return std / mean;
}

/** Fraction of each domain's top-1 choices that go to each expert: [domain][expert]. */
function domainUsage(routing: RoutingInfo, domainOfToken: (t: number) => number) {
  const usage = Array.from({ length: numDomains }, () => new Array<number>(routing.numExperts).fill(0));
  for (let t = 0; t < routing.numTokens; t++) {
    const e = routing.topIds[t * routing.maxK];
    if (e >= 0) usage[domainOfToken(t)][e]++;
  }
  return usage.map((row) => {
    const total = row.reduce((a, b) => a + b, 0) || 1;
    return row.map((c) => c / total);
  });
}

async function main() {
  tf.env().set('PROD', true);
  setWasmPaths(nodeWasmFolder());
  await tf.setBackend(values.backend!);
  const model = createMoeTransformer(
    {
      vocabSize: corpus.vocab.length,
      contextLength: LENGTH,
      dModel: 32,
      numHeads: 2,
      numLayers: 3,
      numExperts: 8,
      expertHidden: 64,
      router: { kind: 'topk', k: 2, capacityFactor: 1.25 },
      aux: { balance: Number(values.balance) },
    },
    createRng(1),
  );
  const optimizer = tf.train.adam(3e-3);
  const rng = createRng(2);
  console.log(
    `vocab ${corpus.vocab.length}, domains ${corpus.domains.join('/')}, backend ${tf.getBackend()}, ${STEPS} steps of ${BATCH}×${LENGTH}`,
  );
  const started = performance.now();
  let routing: RoutingInfo[] = [];
  let lastBatch = sampleTextBatch(corpus, BATCH, LENGTH, rng);
  const domainSums = new Float64Array(numDomains);
  for (let step = 0; step < STEPS; step++) {
    lastBatch = sampleTextBatch(corpus, BATCH, LENGTH, rng);
    let domainLosses = new Float32Array(numDomains);
    const cost = optimizer.minimize(
      () => {
        const out = model.forward(lastBatch, numDomains, { training: true });
        routing = out.routing;
        domainLosses = Float32Array.from(out.domainLosses.dataSync());
        return tf.add(out.loss, out.aux) as tf.Scalar;
      },
      true,
      model.variables,
    );
    const loss = cost!.dataSync()[0];
    cost!.dispose();
    domainLosses.forEach((v, d) => (domainSums[d] += v));
    if (step % 50 === 49 || step === 0) {
      const window = step === 0 ? 1 : 50;
      const perDomain = corpus.domains.map((name, d) => `${name} ${(domainSums[d] / window).toFixed(2)}`).join(', ');
      console.log(
        `step ${step + 1}: loss ${loss.toFixed(3)} (mean CE by domain over the last ${window}: ${perDomain}) ${((performance.now() - started) / (step + 1)).toFixed(0)} ms/step`,
      );
      domainSums.fill(0);
    }
  }
  const domainOfToken = (t: number) => lastBatch.domain[Math.floor(t / LENGTH)];
  console.table(
    routing.map((r, l) => ({
      layer: l,
      'load CV': loadCV(r.load).toFixed(3),
      'drop rate': r.dropRate.toFixed(3),
      load: Array.from(r.load, (x) => x.toFixed(2)).join(' '),
    })),
  );
  const last = routing[routing.length - 1];
  console.log(`last layer, top-1 expert share by domain (last batch):`);
  domainUsage(last, domainOfToken).forEach((row, d) =>
    console.log(`  ${corpus.domains[d].padEnd(8)} ${row.map((x) => x.toFixed(2)).join(' ')}`),
  );
  optimizer.dispose();
  model.dispose();
}

main();
