// The MoE language model as a MultitaskModel, so runExperiment trains it like any other model: each
// text domain is a "task" whose loss is its windows' mean next-character cross-entropy. Training
// minimises Σ domain losses + the MoE auxiliary losses. `probeRouting` feeds live routing snapshots.
import * as tf from '@tensorflow/tfjs';
import type { MoeLmSpec } from '../../protocol/index.ts';
import { getField, numTasks, type Dataset } from '../data/dataset.ts';
import type { TextBatch } from '../data/textCorpus.ts';
import type { HealthModel } from '../health/healthModel.ts';
import { lmExpertActivity } from '../health/lmActivity.ts';
import type { ProbeRouting, RoutedModel } from '../routing/liveSnapshot.ts';
import type { TensorBatch } from '../train/batches.ts';
import type { Rng } from '../util/random.ts';
import type { MultitaskModel } from './model.ts';
import type { RouterOptions } from './moe/types.ts';
import { createMoeTransformer, type MoeTransformer } from './moeTransformer.ts';
import { readToHost } from '../hostReads.ts';

export function lmRouter(spec: MoeLmSpec): RouterOptions {
  const k = Math.min(spec.k, spec.numExperts);
  switch (spec.router) {
    case 'topk':
      return { kind: 'topk', k, capacityFactor: spec.capacityFactor };
    case 'topp':
      return { kind: 'topp', threshold: spec.topP, capacityFactor: spec.capacityFactor };
    case 'expert-choice':
      return { kind: 'expert-choice', capacityFactor: spec.capacityFactor ?? k };
    case 'soft':
      return { kind: 'soft', slotsPerExpert: 1 };
    case 'compete':
      return {
        kind: 'compete',
        k,
        competeRate: spec.competeRate,
        distillWeight: spec.distillWeight,
        winnerWeight: spec.winnerWeight,
        capacityFactor: spec.capacityFactor,
      };
  }
}

/** Reads a device batch of text windows back as ids (the router reads back per layer anyway). */
function textBatchOf(batch: TensorBatch): TextBatch {
  const [b, length] = batch.inputs.shape;
  return {
    batchSize: b,
    length,
    inputs: Int32Array.from(readToHost(batch.inputs)),
    targets: Int32Array.from(readToHost(batch.targets)),
    domain: Int32Array.from(readToHost(batch.domain)),
  };
}

/** The LM as the training loop sees it, plus the transformer itself for interventions on experts (UOE, knockout). */
export type MoeLmModel = MultitaskModel & RoutedModel & HealthModel & { transformer: MoeTransformer };

export function createMoeLm(spec: MoeLmSpec, data: Dataset, rng: Rng): MoeLmModel {
  if (!data.vocab) throw new Error('the moe-lm model needs a text dataset');
  const vocab = data.vocab;
  const domains = numTasks(data);
  const lm = createMoeTransformer(
    {
      vocabSize: vocab.length,
      contextLength: getField(data, 'inputs').shape[0],
      dModel: spec.dModel,
      numHeads: spec.numHeads,
      numLayers: spec.numLayers,
      numExperts: spec.numExperts,
      expertHidden: spec.expertHidden,
      router: lmRouter(spec),
      aux: { balance: spec.balanceWeight, zLoss: spec.zLossWeight },
      recurrentRouter: spec.routerMemory === 'recurrent' ? { stateDim: spec.routerStateDim } : undefined,
    },
    rng,
  );
  /**
   * Domain losses of a batch. A domain absent from the batch (possible with small shuffled batches)
   * reports the batch's mean loss instead of 0, so its curve never drops to a false zero.
   */
  const run = (batch: TensorBatch, training: boolean, compete = false) => {
    const text = textBatchOf(batch);
    const out = lm.forward(text, domains, { training, compete });
    const present = new Float32Array(domains);
    text.domain.forEach((d) => (present[d] = 1));
    if (present.every((p) => p === 1)) return out;
    const filled = tf.tidy(() => {
      const mask = tf.tensor1d(present);
      return tf.add(tf.mul(out.domainLosses, mask), tf.mul(out.loss, tf.sub(1, mask))) as tf.Tensor1D;
    });
    out.domainLosses.dispose();
    return { ...out, domainLosses: filled };
  };

  return {
    transformer: lm,
    numTasks: domains,
    shared: lm.variables,
    heads: [],
    taskLosses: (batch) => {
      const out = run(batch, false);
      tf.dispose([out.loss, out.aux]);
      return out.domainLosses;
    },
    lossesWithAux: (batch, options) => {
      const out = run(batch, true, options?.compete);
      out.loss.dispose();
      return { taskLosses: out.domainLosses, auxLoss: out.aux };
    },
    // exp(−cross-entropy): the geometric-mean probability of the right next character (higher is better).
    scoreName: 'exp(−CE)',
    taskScores: (batch) => {
      const out = run(batch, false);
      tf.dispose([out.loss, out.aux]);
      const scores = tf.exp(tf.neg(out.domainLosses)) as tf.Tensor1D;
      out.domainLosses.dispose();
      return scores;
    },
    probeRouting: (batch): ProbeRouting => {
      const text = textBatchOf(batch);
      const out = lm.forward(text, domains, { training: false });
      tf.dispose([out.loss, out.aux, out.domainLosses]);
      const groupOf = new Int32Array(text.batchSize * text.length);
      text.domain.forEach((d, s) => groupOf.fill(d, s * text.length, (s + 1) * text.length));
      return {
        groupKind: 'domain',
        groupNames: data.taskNames,
        expertNames: Array.from({ length: spec.numExperts }, (_, e) => `e${e}`),
        groupOf,
        layers: out.routing,
        sequences: {
          length: text.length,
          domainOf: text.domain,
          chars: Array.from({ length: text.batchSize }, (_, s) =>
            Array.from(text.inputs.subarray(s * text.length, (s + 1) * text.length), (id) => vocab[id]),
          ),
        },
      };
    },
    healthGroups: 'domain',
    healthProbeRows: 32, // windows: 32 × windowLength tokens, a few training batches' worth
    expertActivity: (batch) =>
      lmExpertActivity(
        lm,
        textBatchOf(batch),
        domains,
        Array.from({ length: spec.numExperts }, (_, e) => `e${e}`),
      ),
    dispose: () => lm.dispose(),
  };
}
