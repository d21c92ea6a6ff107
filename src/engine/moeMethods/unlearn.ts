// UOE single-expert unlearning ("UOE: Unlearning One Expert Is Enough for Mixture-of-experts LLMs")
// on the MoE language model, and its baseline. UOE finds the expert most engaged on the forget
// domain, then updates only that expert (plus its layer's router) with an unlearning objective on
// the forget set, while an anchor loss keeps the router sending the forget tokens to that expert;
// the paper's point is that unlearning everything instead shifts routing to unrelated experts.
// The baseline applies the same objective to every parameter, without anchor.
import * as tf from '@tensorflow/tfjs';
import type { MoeTransformer } from '../models/moeTransformer.ts';
import { attributeExperts } from './attribution.ts';
import { evaluateDomains, selectionFrequency, type DomainBatches } from './domainEval.ts';
import { unlearningObjective, type UnlearnObjective } from './objectives.ts';
import type { UnlearnReport } from '../../protocol/reports.ts';
import { addAll } from '../util/addAll.ts';
import { readsOf, withAnsweredReads, type HostReads } from '../hostReads.ts';
export type { UnlearnReport };

export interface UnlearnOptions {
  forgetDomain: number;
  /**
   * 'uoe': one expert + its router; 'uoe-retain': the same with the retain-side anchor (the router also
   * keeps the retained domains' routing at that layer); 'full': every parameter (the baseline).
   */
  scope: UnlearnReport['scope'];
  objective?: UnlearnObjective;
  steps?: number;
  learningRate?: number;
  /** NPO's β (inverse temperature of the preference loss). */
  npoBeta?: number;
  /** Weight of UOE's router anchor loss (0 turns it off). */
  anchorWeight?: number;
  /** 'uoe-retain': weight of the retain-side anchor, KL(router before ‖ router now) on retained tokens at the target layer. */
  retainAnchorWeight?: number;
  /**
   * 'select': −log p_{e*} on the forget tokens that chose the target expert before (keeps them there);
   * 'match': (log p_{e*} − log p⁰_{e*})² on every forget token (keeps the router's preference for the
   * target expert where it was, so tokens neither leave it nor crowd onto the damaged expert).
   */
  anchor?: 'select' | 'match';
  /** A forget loss above this (nats per character), or a non-finite one, counts as divergence. */
  maxLoss?: number;
  /** Skip attribution and unlearn this expert. */
  target?: { layer: number; expert: number };
  /** Attribute by forget − retain engagement. */
  contrast?: boolean;
  /** Put the model back as it was once the report is made (to compare methods on one model). */
  restoreAfter?: boolean;
  /** Called at every step with the forget-set loss before that step's update (live progress). */
  onStep?: (step: number, forgetLoss: number) => void;
}

export const UNLEARN_DEFAULTS = {
  objective: 'npo' as UnlearnObjective,
  steps: 20,
  learningRate: 3e-3,
  npoBeta: 0.1,
  anchorWeight: 1,
  retainAnchorWeight: 100,
  anchor: 'match' as const,
};

const routedOrThrow = (model: MoeTransformer) => {
  if (model.options.router.kind === 'soft')
    throw new Error('unlearning one expert needs routed experts; a soft MoE mixes every expert into every slot');
  if (model.options.recurrentRouter)
    throw new Error('UOE needs per-layer routers; this model routes with one recurrent router across layers');
};

/** Gradient mask [E, 1, 1] selecting one expert of a stacked bank. */
const expertMask = (numExperts: number, expert: number) => {
  const mask = new Float32Array(numExperts);
  mask[expert] = 1;
  return tf.tensor3d(mask, [numExperts, 1, 1]);
};

/** The variables' values on the host, read asynchronously (WebGPU cannot read synchronously). */
const hostValues = (model: MoeTransformer) =>
  Promise.all(model.variables.map(async (v) => Float32Array.from(await v.data())));

async function countChanged(before: Float32Array[], model: MoeTransformer): Promise<number> {
  let changed = 0;
  const after = await hostValues(model);
  after.forEach((now, i) => {
    const old = before[i];
    for (let j = 0; j < now.length; j++) if (now[j] !== old[j]) changed++;
  });
  return changed;
}

/**
 * Async: each forward's router reads are answered in advance (one forward at a time, `readsOf`) and
 * losses are read asynchronously, so it runs on WebGPU as on wasm.
 */
export async function unlearnDomain(
  model: MoeTransformer,
  data: DomainBatches,
  options: UnlearnOptions,
): Promise<UnlearnReport> {
  routedOrThrow(model);
  const { forgetDomain: f, scope } = options;
  const forget = data.batches[f];
  if (!forget) throw new Error(`forget target: domain ${f} does not exist (domains 0..${data.domains.length - 1})`);
  if (forget.batchSize * forget.length === 0) throw new Error(`forget target "${data.domains[f]}" has no tokens`);
  const objective = options.objective ?? UNLEARN_DEFAULTS.objective;
  const steps = options.steps ?? UNLEARN_DEFAULTS.steps;
  const oneExpert = scope !== 'full';
  const anchorWeight = oneExpert ? (options.anchorWeight ?? UNLEARN_DEFAULTS.anchorWeight) : 0;
  const retainWeight = scope === 'uoe-retain' ? (options.retainAnchorWeight ?? UNLEARN_DEFAULTS.retainAnchorWeight) : 0;
  const maxLoss = options.maxLoss ?? 5 * Math.log(model.options.vocabSize);
  const numDomains = data.domains.length;
  const retainDomains = data.domains.map((_, d) => d).filter((d) => d !== f);

  const before = await evaluateDomains(model, data);
  const attribution = attributeExperts(
    [before.routing[f]],
    retainDomains.map((d) => before.routing[d]),
    options.contrast,
  );
  const target = options.target ?? { layer: attribution.layer, expert: attribution.expert };
  const layer = model.moeLayers[target.layer];
  if (!layer || target.expert < 0 || target.expert >= model.options.numExperts)
    throw new Error(`unlearning target layer ${target.layer}, expert ${target.expert} does not exist`);

  // Forget tokens the target expert served before: the anchor keeps them with it.
  const routingBefore = before.routing[f][target.layer];
  const anchorMask = new Float32Array(routingBefore.numTokens);
  routingBefore.topIds.forEach((e, i) => {
    if (e === target.expert) anchorMask[Math.floor(i / routingBefore.maxK)] = 1;
  });
  const anchored = anchorMask.reduce((a, b) => a + b, 0);

  const bank = [layer.experts.w1, layer.experts.b1, layer.experts.w2, layer.experts.b2];
  const trainable = oneExpert ? [...bank, ...layer.routerVariables] : model.variables;
  const masked = new Set(oneExpert ? bank.map((v) => v.name) : []);
  const mask = expertMask(model.options.numExperts, target.expert);
  const snapshot = model.variables.map((v) => tf.clone(v));
  const snapshotCpu = await hostValues(model);
  const optimizer = tf.train.adam(options.learningRate ?? UNLEARN_DEFAULTS.learningRate);
  const anchorKind = options.anchor ?? UNLEARN_DEFAULTS.anchor;
  const forgetOptions = { windowLosses: true, keepProbs: true };
  const referenceReads = await readsOf(model, () => model.forward(forget, numDomains, forgetOptions));
  const [referenceLosses, referenceLogProb] = withAnsweredReads(referenceReads, () =>
    tf.tidy(() => {
      const out = model.forward(forget, numDomains, forgetOptions);
      const target0 = tf.reshape(tf.slice(out.routerProbs![target.layer], [0, target.expert], [-1, 1]), [-1]);
      return [out.windowLosses!, tf.log(tf.add(target0, 1e-9))];
    }),
  );
  const retainAnchor = retainWeight > 0 ? await createRetainAnchor(model, data, retainDomains, target.layer) : null;
  const history: number[] = [];
  let diverged = false;
  let stepsRun = 0;
  try {
    for (let step = 0; step < steps; step++) {
      let forgetLossTensor: tf.Scalar | null = null;
      const stepOptions = { windowLosses: true, keepProbs: anchorWeight > 0 };
      const forgetReads = await readsOf(model, () => model.forward(forget, numDomains, stepOptions));
      const retainReads = retainAnchor ? await retainAnchor.answer() : [];
      const { value, grads } = tf.variableGrads(() => {
        const out = withAnsweredReads(forgetReads, () => model.forward(forget, numDomains, stepOptions));
        forgetLossTensor = tf.keep(out.loss);
        let total = unlearningObjective(
          objective,
          out.windowLosses!,
          referenceLosses,
          forget.length,
          options.npoBeta ?? UNLEARN_DEFAULTS.npoBeta,
        );
        if (anchorWeight > 0 && anchored > 0) {
          const logProb = tf.log(
            tf.add(tf.reshape(tf.slice(out.routerProbs![target.layer], [0, target.expert], [-1, 1]), [-1]), 1e-9),
          );
          const anchor =
            anchorKind === 'select'
              ? tf.div(tf.neg(tf.sum(tf.mul(logProb, tf.tensor1d(anchorMask)))), anchored)
              : tf.mean(tf.square(tf.sub(logProb, referenceLogProb)));
          total = tf.add(total, tf.mul(anchor, anchorWeight));
        }
        if (retainAnchor) total = tf.add(total, tf.mul(retainAnchor.loss(retainReads), retainWeight));
        return total as tf.Scalar;
      }, trainable);
      const forgetLoss = (await forgetLossTensor!.data())[0];
      forgetLossTensor!.dispose();
      history.push(forgetLoss);
      options.onStep?.(step, forgetLoss);
      const objectiveValue = (await value.data())[0];
      if (!Number.isFinite(forgetLoss) || forgetLoss > maxLoss || !Number.isFinite(objectiveValue)) {
        tf.dispose([value, grads]);
        diverged = true;
        break;
      }
      const update = tf.tidy(() =>
        Object.entries(grads).map(([name, g]) => ({ name, tensor: masked.has(name) ? tf.mul(g, mask) : tf.clone(g) })),
      );
      optimizer.applyGradients(update);
      tf.dispose([value, grads, update.map((u) => u.tensor)]);
      stepsRun++;
    }
    const after = diverged ? before : await evaluateDomains(model, data);
    if (!diverged && !after.losses.every((l) => Number.isFinite(l) && l <= maxLoss)) diverged = true;
    if (diverged) model.variables.forEach((v, i) => v.assign(snapshot[i]));
    const final = diverged ? before : after;
    const selection = (ev: typeof before) => ev.routing.map((layers) => layers.map(selectionFrequency));
    const selectionBefore = selection(before);
    const selectionAfter = selection(final);
    const touchedParams = await countChanged(snapshotCpu, model);
    const totalParams = model.variables.reduce((n, v) => n + v.size, 0);
    return {
      scope,
      objective,
      forgetDomain: data.domains[f],
      attribution,
      target,
      stepsRun,
      diverged,
      forgetLoss: { before: before.losses[f], after: final.losses[f] },
      retainLoss: retainDomains.map((d) => ({
        domain: data.domains[d],
        before: before.losses[d],
        after: final.losses[d],
      })),
      touchedParams,
      totalParams,
      touchedFraction: touchedParams / totalParams,
      selectionBefore,
      selectionAfter,
      targetRate: {
        before: selectionBefore[f][target.layer][target.expert],
        after: selectionAfter[f][target.layer][target.expert],
      },
      history,
    };
  } finally {
    if (options.restoreAfter) model.variables.forEach((v, i) => v.assign(snapshot[i]));
    tf.dispose([...snapshot, mask, referenceLosses, referenceLogProb]);
    retainAnchor?.dispose();
    optimizer.dispose();
  }
}

/**
 * The retain-side anchor: on every retained domain's tokens, KL(p⁰ ‖ p) of the target layer's router,
 * p⁰ as it was before unlearning, so the retained tokens keep their experts (none crowd onto the
 * unlearned one). Mean over tokens, then over domains.
 */
async function createRetainAnchor(model: MoeTransformer, data: DomainBatches, domains: number[], layer: number) {
  const numDomains = data.domains.length;
  const used = domains.filter((d) => data.batches[d] && data.batches[d].batchSize * data.batches[d].length > 0);
  const forward = (d: number) => model.forward(data.batches[d], numDomains, { keepProbs: true });
  /** Each retained domain's forward, its host reads answered at the current parameters. */
  const answer = async () => {
    const reads: (HostReads | null)[] = [];
    for (const d of used) reads.push(await readsOf(model, () => forward(d)));
    return reads;
  };
  const referenceReads = await answer();
  const reference = used.map((d, i) =>
    tf.tidy(() => {
      const p0 = withAnsweredReads(referenceReads[i], () => forward(d)).routerProbs![layer];
      return { p0, logP0: tf.log(tf.add(p0, 1e-9)) };
    }),
  );
  return {
    answer,
    /** The anchor loss at the current parameters; `reads` from `answer()` at these parameters. */
    loss: (reads: (HostReads | null)[]) => {
      const terms = used.map((d, i) => {
        const p = withAnsweredReads(reads[i] ?? null, () => forward(d)).routerProbs![layer];
        return tf.mean(tf.sum(tf.mul(reference[i].p0, tf.sub(reference[i].logP0, tf.log(tf.add(p, 1e-9)))), 1));
      });
      return terms.length ? (tf.div(addAll(terms), terms.length) as tf.Scalar) : tf.scalar(0);
    },
    dispose: () => tf.dispose(reference.flatMap((r) => [r.p0, r.logP0])),
  };
}

/** UOE and the full-model baseline from the same starting model (left unchanged), same objective and steps. */
export async function compareUnlearning(
  model: MoeTransformer,
  data: DomainBatches,
  options: Omit<UnlearnOptions, 'scope' | 'restoreAfter'>,
) {
  const uoe = await unlearnDomain(model, data, { ...options, scope: 'uoe', restoreAfter: true });
  // The baseline unlearns the same target domain; its attribution is only reported.
  const full = await unlearnDomain(model, data, { ...options, scope: 'full', target: uoe.target, restoreAfter: true });
  return { uoe, full };
}
