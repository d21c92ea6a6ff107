// A bare training loop for a MoeTransformer outside any spec, with CompeteSMoE's schedule (each step is
// a competition step with probability λ, seeded): a fixture for the moeMethods tests and bench/moeMethods.ts,
// which study a model built by hand. The product trains moe-lm models only through runExperiment.
import * as tf from '@tensorflow/tfjs';
import { sampleTextBatch, type TextCorpus } from '../../data/textCorpus.ts';
import type { MoeTransformer } from '../../models/moeTransformer.ts';
import { createCompetitionSchedule } from '../../models/moe/compete.ts';
import { createRng, deriveSeed } from '../../util/random.ts';

export interface LmTrainOptions {
  steps: number;
  batchSize: number;
  length: number;
  learningRate: number;
  seed: number;
  /** Called after every step with its cross-entropy (aux losses excluded). */
  onStep?: (step: number, loss: number, competed: boolean) => void;
}

export interface LmTrainResult {
  /** Cross-entropy of every step's batch (nats per character). */
  losses: number[];
  competitionSteps: number;
}

export function trainLm(model: MoeTransformer, corpus: TextCorpus, options: LmTrainOptions): LmTrainResult {
  const batches = createRng(deriveSeed(options.seed, 'lm-batches'));
  const schedule = createCompetitionSchedule(model.options.router, options.seed);
  const optimizer = tf.train.adam(options.learningRate);
  const losses: number[] = [];
  try {
    for (let step = 0; step < options.steps; step++) {
      const batch = sampleTextBatch(corpus, options.batchSize, options.length, batches);
      const compete = schedule.next();
      let loss = NaN;
      optimizer.minimize(
        () => {
          const out = model.forward(batch, corpus.domains.length, { training: true, compete });
          loss = out.loss.dataSync()[0];
          return tf.add(out.loss, out.aux) as tf.Scalar;
        },
        false,
        model.variables,
      );
      losses.push(loss);
      options.onStep?.(step, loss, compete);
    }
  } finally {
    optimizer.dispose();
  }
  return { losses, competitionSteps: schedule.count };
}
