// MoE methods on the tiny character LM and the shipped corpus (public/corpus), measured side by side:
//  1. UOE single-expert unlearning vs the same unlearning on all parameters (forget-loss increase,
//     retain-loss change, fraction of parameters touched, the target expert's selection rate);
//  2. CompeteSMoE vs softmax top-k at equal steps (final loss, training time per step);
//  3. inter-layer expert affinity, layerwise recurrent router vs independent routers.
// Run: npx tsx bench/moeMethods.ts [--backend wasm|cpu] [--steps N] [--unlearn-steps N]
// (defaults: wasm, 100 training steps, 20 unlearning steps; --steps 150 took about 12 minutes of wall
// time on a shared, busy 2-core machine, so expect it to exceed 2 minutes there).
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { nodeWasmFolder } from '../src/cli/io.ts';
import { buildCorpus, sampleTextBatch } from '../src/engine/data/textCorpus.ts';
import { createMoeTransformer, type MoeTransformerOptions } from '../src/engine/models/moeTransformer.ts';
import type { RouterOptions, RoutingInfo } from '../src/engine/models/moe/types.ts';
import { evaluateDomains, makeDomainBatches } from '../src/engine/moeMethods/domainEval.ts';
import { adjacentLayerAffinities, routingToTrace } from '../src/engine/moeMethods/layerAffinity.ts';
import { median } from '../src/shared/stats.ts';
import { trainLm } from '../src/engine/moeMethods/testing/trainLm.ts';
import { unlearnDomain, type UnlearnReport } from '../src/engine/moeMethods/unlearn.ts';
import { createRng } from '../src/engine/util/random.ts';

const { values } = parseArgs({
  options: {
    backend: { type: 'string', default: 'wasm' },
    steps: { type: 'string', default: '100' },
    'unlearn-steps': { type: 'string', default: '20' },
  },
});
const STEPS = Number(values.steps);
const UNLEARN_STEPS = Number(values['unlearn-steps']);
const LENGTH = 32;

const index = JSON.parse(readFileSync('public/corpus/index.json', 'utf8')) as {
  domains: { name: string; file: string }[];
};
const corpus = buildCorpus(
  index.domains.map((d) => ({ name: d.name, text: readFileSync(`public/corpus/${d.file}`, 'utf8') })),
);
const evalData = makeDomainBatches(corpus, 16, LENGTH, 77);

const modelOptions = (router: RouterOptions, extra: Partial<MoeTransformerOptions> = {}): MoeTransformerOptions => ({
  vocabSize: corpus.vocab.length,
  contextLength: LENGTH,
  dModel: 32,
  numHeads: 2,
  numLayers: 2,
  numExperts: 8,
  expertHidden: 32,
  router,
  ...extra,
});

function train(router: RouterOptions, extra: Partial<MoeTransformerOptions> = {}) {
  const model = createMoeTransformer(modelOptions(router, extra), createRng(1));
  const started = performance.now();
  const result = trainLm(model, corpus, { steps: STEPS, batchSize: 12, length: LENGTH, learningRate: 3e-3, seed: 2 });
  const msPerStep = (performance.now() - started) / STEPS;
  const tail = result.losses.slice(-20);
  return {
    model,
    msPerStep,
    trainTail: tail.reduce((a, b) => a + b, 0) / tail.length,
    competitionSteps: result.competitionSteps,
  };
}

function interleavedStepTimes(model: ReturnType<typeof createMoeTransformer>, rounds: number) {
  const optimizer = tf.train.adam(1e-4);
  const rng = createRng(9);
  const times = { ordinary: [] as number[], competition: [] as number[] };
  const step = (compete: boolean) => {
    const batch = sampleTextBatch(corpus, 12, LENGTH, rng);
    const started = performance.now();
    optimizer.minimize(
      () => {
        const out = model.forward(batch, corpus.domains.length, { training: true, compete });
        return tf.add(out.loss, out.aux) as tf.Scalar;
      },
      false,
      model.variables,
    );
    return performance.now() - started;
  };
  step(false);
  step(true); // warm-up
  for (let r = 0; r < rounds; r++) {
    times.ordinary.push(step(false));
    times.competition.push(step(true));
  }
  optimizer.dispose();
  return { ordinary: median(times.ordinary), competition: median(times.competition) };
}

const meanEval = (losses: number[]) => losses.reduce((a, b) => a + b, 0) / losses.length;
const fmt = (x: number, digits = 3) => (x >= 0 ? '+' : '') + x.toFixed(digits);

async function main() {
  tf.env().set('PROD', true);
  setWasmPaths(nodeWasmFolder());
  await tf.setBackend(values.backend!);
  console.log(
    `backend ${tf.getBackend()}, vocab ${corpus.vocab.length}, ${STEPS} training steps of 12×${LENGTH}, d=32, 2 layers, E=8`,
  );

  // ---- 2. CompeteSMoE vs top-k (same data order and seed) ----
  const topk = train({ kind: 'topk', k: 2 });
  const compete = train({ kind: 'compete', k: 2, competeRate: 0.1 });
  const rows = [];
  for (const { router, model } of [
    { router: 'softmax top-2', model: topk },
    { router: 'CompeteSMoE top-2, λ=0.1', model: compete },
  ]) {
    rows.push({
      router,
      'train CE (last 20)': model.trainTail.toFixed(3),
      'eval CE': meanEval((await evaluateDomains(model.model, evalData)).losses).toFixed(3),
      'competition steps': model.competitionSteps,
      'ms/step': model.msPerStep.toFixed(1),
    });
  }
  console.log('\nCompeteSMoE vs top-k at equal steps');
  console.table(rows);
  console.log(
    `whole-run time ratio CompeteSMoE / top-k: ×${(compete.msPerStep / topk.msPerStep).toFixed(2)} (separate runs; noisy on a shared machine)`,
  );
  // Step costs measured interleaved on one model, so machine load hits both alike.
  const { ordinary, competition } = interleavedStepTimes(compete.model, 12);
  console.log(
    `interleaved medians: ordinary step ${ordinary.toFixed(1)} ms, competition step ${competition.toFixed(1)} ms (×${(competition / ordinary).toFixed(2)}); ` +
      `expected overhead at λ=0.1: ×${(1 + 0.1 * (competition / ordinary - 1)).toFixed(3)}`,
  );
  compete.model.dispose();

  // ---- 1. UOE vs full-model unlearning, forget = each domain in turn, on the top-k model ----
  const model = topk.model;
  const summary: Record<string, string | number>[] = [];
  for (let f = 0; f < corpus.domains.length; f++) {
    const runs: [string, UnlearnReport][] = [
      [
        'UOE lr 1e-2',
        await unlearnDomain(model, evalData, {
          forgetDomain: f,
          scope: 'uoe',
          steps: UNLEARN_STEPS,
          learningRate: 1e-2,
          restoreAfter: true,
        }),
      ],
      [
        'UOE lr 3e-2',
        await unlearnDomain(model, evalData, {
          forgetDomain: f,
          scope: 'uoe',
          steps: UNLEARN_STEPS,
          learningRate: 3e-2,
          restoreAfter: true,
        }),
      ],
      [
        'full lr 3e-3',
        await unlearnDomain(model, evalData, {
          forgetDomain: f,
          scope: 'full',
          steps: UNLEARN_STEPS,
          learningRate: 3e-3,
          restoreAfter: true,
        }),
      ],
    ];
    for (const [name, r] of runs) {
      const retainDelta = r.retainLoss.map((d) => d.after - d.before);
      summary.push({
        forget: r.forgetDomain,
        method: name,
        target: `L${r.target.layer}/E${r.target.expert}`,
        'forget Δ': fmt(r.forgetLoss.after - r.forgetLoss.before),
        'retain Δ (each)': retainDelta.map((d) => fmt(d)).join(' '),
        'retain Δ / forget Δ': (
          meanEval(retainDelta) / Math.max(r.forgetLoss.after - r.forgetLoss.before, 1e-9)
        ).toFixed(3),
        'touched %': (100 * r.touchedFraction).toFixed(2),
        'target rate': `${r.targetRate.before.toFixed(2)}→${r.targetRate.after.toFixed(2)}`,
        diverged: r.diverged ? 'yes' : 'no',
      });
    }
  }
  console.log(
    `\nUOE vs full-model unlearning (NPO β=0.1, ${UNLEARN_STEPS} steps, Adam, 'match' anchor; eval and forget set: 16 windows per domain)`,
  );
  console.table(summary);
  model.dispose();

  // ---- 3. Inter-layer affinity: recurrent vs independent routers (3 layers) ----
  const affinityOf = async (m: ReturnType<typeof train>) => {
    const records: RoutingInfo[][] = (await evaluateDomains(m.model, evalData)).routing;
    return adjacentLayerAffinities(routingToTrace(records, LENGTH))
      .map((p) => p.peak.toFixed(3))
      .join(' / ');
  };
  const independent = train({ kind: 'topk', k: 1 }, { numLayers: 3 });
  const recurrent = train({ kind: 'topk', k: 1 }, { numLayers: 3, recurrentRouter: { stateDim: 16 } });
  console.log(
    '\nInter-layer affinity, peak = mean_a max_b P(b at l+1 | a at l) (top-1, 3 layers; 1 = next layer copies)',
  );
  console.table([
    {
      router: 'independent',
      'peak L0→L1 / L1→L2': await affinityOf(independent),
      'eval CE': meanEval((await evaluateDomains(independent.model, evalData)).losses).toFixed(3),
      'ms/step': independent.msPerStep.toFixed(1),
    },
    {
      router: 'recurrent (GRU, 16)',
      'peak L0→L1 / L1→L2': await affinityOf(recurrent),
      'eval CE': meanEval((await evaluateDomains(recurrent.model, evalData)).losses).toFixed(3),
      'ms/step': recurrent.msPerStep.toFixed(1),
    },
  ]);
  independent.model.dispose();
  recurrent.model.dispose();
}

main();
