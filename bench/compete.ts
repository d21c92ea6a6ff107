// CompeteSMoE and the recurrent router through the ExperimentSpec path the notebook uses
// (runExperiment on the shipped corpus), side by side in one process:
//  1. CompeteSMoE vs softmax top-k at equal steps and seed: final validation CE, competition steps,
//     whole-run seconds (the overall training-time overhead);
//  2. the per-step cost ratio competition / ordinary, measured interleaved on one model so machine
//     load hits both alike, and the overhead it implies at λ;
//  3. inter-layer affinity (mean_a max_b P(b|a), the final routing snapshot's interLayerPeak), recurrent
//     vs independent routers.
// Run: npx tsx bench/compete.ts [--backend wasm|cpu] [--steps 60] [--rate 0.1] [--seed 3] [--only compete|affinity]
// (about 5 minutes on wasm
// at 100 steps on a busy 2-core machine).
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { readCorpusTexts } from '../src/cli/corpus.ts';
import { nodeWasmFolder } from '../src/cli/io.ts';
import { makeDataset } from '../src/engine/data/index.ts';
import { splitDataset } from '../src/engine/data/dataset.ts';
import { trainAndReadRouting } from '../src/engine/lessons/lessonStats.ts';
import { createMoeLm } from '../src/engine/models/moeLm.ts';
import { createBatchSampler, gatherBatch, toDevice } from '../src/engine/train/batches.ts';
import { createTrainer } from '../src/engine/train/trainer.ts';
import { createRng } from '../src/engine/util/random.ts';
import { parseSpec, type ExperimentSpec } from '../src/protocol/index.ts';
import { mean, median } from '../src/shared/stats.ts';

const { values } = parseArgs({
  options: {
    backend: { type: 'string', default: 'wasm' },
    steps: { type: 'string', default: '60' },
    rate: { type: 'string', default: '0.1' },
    seed: { type: 'string', default: '3' },
    /** 'compete' or 'affinity' runs only that part. */
    only: { type: 'string' },
  },
});
const STEPS = Number(values.steps);
const RATE = Number(values.rate);
const SEED = Number(values.seed);

const specOf = (model: Record<string, unknown>): ExperimentSpec => {
  const parsed = parseSpec({
    seed: SEED,
    dataset: { kind: 'text', domains: ['prose', 'code', 'numbers'], windowLength: 32, numSamples: 600 },
    model: { kind: 'moe-lm', dModel: 32, numHeads: 2, numLayers: 2, numExperts: 8, expertHidden: 32, k: 2, ...model },
    training: { steps: STEPS, batchSize: 12, learningRate: 3e-3, validationFraction: 0.2 },
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.spec;
};

async function run(spec: ExperimentSpec, texts: Record<string, string>) {
  const { done, validationLoss, routing } = await trainAndReadRouting(spec, texts);
  return { done, evalCe: validationLoss, peaks: Array.from(routing.interLayerPeak ?? []) };
}

/** Median ms of ordinary and competition steps, alternated on one model through the run's trainer. */
function interleavedStepTimes(spec: ExperimentSpec, texts: Record<string, string>, rounds: number) {
  const dataset = makeDataset(spec.dataset, spec.seed, { texts, validationFraction: spec.training.validationFraction });
  const { train } = splitDataset(dataset, spec.training.validationFraction);
  if (spec.model.kind !== 'moe-lm') throw new Error('needs a moe-lm spec');
  const model = createMoeLm(spec.model, dataset, createRng(1));
  const trainer = createTrainer(model, spec.training);
  const data = toDevice(train);
  const next = createBatchSampler(data.size, spec.training.batchSize, createRng(5));
  const step = (compete: boolean) => {
    const batch = gatherBatch(data, next());
    const started = performance.now();
    const losses = trainer.step(batch, { compete });
    losses.dataSync(); // wait for the device
    const ms = performance.now() - started;
    tf.dispose([losses, ...Object.values(batch)]);
    return ms;
  };
  step(false);
  step(true); // warm-up
  const times = { ordinary: [] as number[], competition: [] as number[] };
  for (let r = 0; r < rounds; r++) {
    times.ordinary.push(step(false));
    times.competition.push(step(true));
  }
  trainer.dispose();
  data.dispose();
  model.dispose();
  return { ordinary: median(times.ordinary), competition: median(times.competition) };
}

async function main() {
  tf.env().set('PROD', true);
  setWasmPaths(nodeWasmFolder());
  await tf.setBackend(values.backend!);
  await tf.ready();
  const texts = (await readCorpusTexts(specOf({})))!;
  console.log(
    `backend ${tf.getBackend()}; moe-lm d=32, E=8, ${STEPS} steps of 12×32 characters, seed ${SEED} (runExperiment, as in the notebook)`,
  );
  if (values.only !== 'affinity') await compareCompetition(texts);
  if (values.only !== 'compete') await compareAffinity(texts);
}

async function compareCompetition(texts: Record<string, string>) {
  // Warm-up (kernel set-up and first-use costs), then top-k, CompeteSMoE, CompeteSMoE, top-k (ABBA),
  // so a drift in machine load hits both alike; same seed, so the repeated runs give the same losses.
  const warm = { ...specOf({ router: 'compete', competeRate: 0.5 }), training: { ...specOf({}).training, steps: 4 } };
  await run(warm, texts);
  const topk = await run(specOf({ router: 'topk' }), texts);
  const compete = await run(specOf({ router: 'compete', competeRate: RATE }), texts);
  const compete2 = await run(specOf({ router: 'compete', competeRate: RATE }), texts);
  const topk2 = await run(specOf({ router: 'topk' }), texts);
  const seconds = {
    topk: (topk.done.seconds + topk2.done.seconds) / 2,
    compete: (compete.done.seconds + compete2.done.seconds) / 2,
  };
  console.log('\n1. CompeteSMoE vs softmax top-2 at equal steps');
  console.table([
    {
      router: 'softmax top-2',
      'eval CE': topk.evalCe.toFixed(3),
      'competition steps': '-',
      'seconds (mean of 2)': seconds.topk.toFixed(1),
      'seconds (each)': `${topk.done.seconds.toFixed(1)}, ${topk2.done.seconds.toFixed(1)}`,
    },
    {
      router: `CompeteSMoE top-2, λ=${RATE}`,
      'eval CE': compete.evalCe.toFixed(3),
      'competition steps': compete.done.competitionSteps,
      'seconds (mean of 2)': seconds.compete.toFixed(1),
      'seconds (each)': `${compete.done.seconds.toFixed(1)}, ${compete2.done.seconds.toFixed(1)}`,
    },
  ]);
  console.log(
    `overall training-time ratio CompeteSMoE / top-k: ×${(seconds.compete / seconds.topk).toFixed(2)} (whole runs ABBA, routing probes included)`,
  );

  const { ordinary, competition } = interleavedStepTimes(specOf({ router: 'compete', competeRate: RATE }), texts, 12);
  console.log(
    `\n2. per step, interleaved medians: ordinary ${ordinary.toFixed(1)} ms, competition ${competition.toFixed(1)} ms ` +
      `(×${(competition / ordinary).toFixed(2)}); implied overhead at λ=${RATE}: ×${(1 + RATE * (competition / ordinary - 1)).toFixed(3)}`,
  );
}

async function compareAffinity(texts: Record<string, string>) {
  const independent = await run(specOf({ numLayers: 3, k: 1 }), texts);
  const recurrent = await run(specOf({ numLayers: 3, k: 1, routerMemory: 'recurrent', routerStateDim: 16 }), texts);
  console.log(
    '\n3. inter-layer affinity, top-1, 3 layers (mean_a max_b P(b at l+1 | a at l); 1 = each expert’s tokens all go on to one expert)',
  );
  console.table(
    [
      ['independent', independent],
      ['recurrent (GRU state 16)', recurrent],
    ].map(([name, r]) => {
      const res = r as typeof independent;
      return {
        router: name,
        'peak L0→L1 / L1→L2': res.peaks.map((p) => p.toFixed(3)).join(' / '),
        mean: mean(res.peaks).toFixed(3),
        'eval CE': res.evalCe.toFixed(3),
        seconds: res.done.seconds.toFixed(1),
      };
    }),
  );
}

main();
