// One Mixture-of-Experts feed-forward layer: x [N, d] → y [N, d], plus what the router did.
// `sparse` runs each expert only on its own tokens (gathered into slots and brought back);
// `dense` runs every expert on every token and masks the combine. Both use the same routing
// decisions, so they give the same numbers; dense is the reference, sparse the fast path.
import * as tf from '@tensorflow/tfjs';
import type { Activation } from '../layers.ts';
import type { Rng } from '../../util/random.ts';
import { balanceLoss, entropyLoss, importanceLoss, routerZLoss, sumAux, zeroAux } from './auxLosses.ts';
import { collectFromSlots, combineChoices, dispatchToSlots } from './dispatch.ts';
import { createExpertBank, expertVariables, runAllExperts, runExperts, type ExpertBank } from './experts.ts';
import { buildPlan } from './plan.ts';
import {
  createRouterWeights,
  route,
  routerVariables,
  routerWidth,
  type RouterWeights,
  type SelectingRouter,
} from './router.ts';
import { describeRouting } from './routingInfo.ts';
import { COMPETE_DEFAULTS, competitionScores, distillationLoss, ordinaryRouter } from './compete.ts';
import { applyCapacity, expertChoiceCapacity, selectTopK, tokenChoiceCapacity } from './selection.ts';
import { applySoftMoe, createSlotWeights } from './softMoe.ts';
import type { AuxLosses, AuxWeights, CompeteRouter, MoeForwardOptions, MoeOutput, RouterOptions } from './types.ts';
import { readToHost } from '../../hostReads.ts';

export interface MoeLayerOptions {
  inputDim: number;
  /** Hidden width of each routed expert. */
  hiddenDim: number;
  numExperts: number;
  router: RouterOptions;
  /** Always-on experts beside the routed ones (DeepSeekMoE), each with `sharedHiddenDim` units. */
  numShared?: number;
  sharedHiddenDim?: number;
  activation?: Activation;
  aux?: AuxWeights;
}

export interface MoeLayer {
  options: MoeLayerOptions;
  experts: ExpertBank;
  shared?: ExpertBank;
  routerVariables: tf.Variable[];
  variables: tf.Variable[];
  apply(x: tf.Tensor2D, options?: MoeForwardOptions): MoeOutput;
  dispose(): void;
}

/** Defaults of ALGORITHMS.md Part 2 §3 (auxiliary-loss table). */
export function auxWeightsFor(router: RouterOptions, given: AuxWeights = {}): Required<AuxWeights> {
  const tokenChoice = router.kind === 'topk' || router.kind === 'topp' || router.kind === 'compete';
  return {
    balance: given.balance ?? (tokenChoice ? 0.01 : 0),
    zLoss: given.zLoss ?? (router.kind === 'soft' ? 0 : 0.001),
    entropy: given.entropy ?? (router.kind === 'topp' ? 1e-4 : 0),
    importance: given.importance ?? (router.kind === 'topk' && router.noisy ? 0.01 : 0),
  };
}

/** Σ_e G[:, e] ⊙ Out[e] over all experts, with the gates already masked by capacity. */
function denseCombine(bank: ExpertBank, x: tf.Tensor2D, gates: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const all = runAllExperts(bank, x); // [E, N, d]
    const weights = tf.expandDims(tf.transpose(gates), 2); // [E, N, 1]
    return tf.sum(tf.mul(all, weights), 0) as tf.Tensor2D;
  });
}

function routedAux(
  router: SelectingRouter,
  weights: Required<AuxWeights>,
  logits: tf.Tensor2D,
  probs: tf.Tensor2D,
  gates: tf.Tensor2D,
  fractions: Float32Array,
): AuxLosses {
  return sumAux({
    balance: weights.balance > 0 ? balanceLoss(probs, fractions, weights.balance) : tf.scalar(0),
    zLoss: weights.zLoss > 0 ? routerZLoss(logits, weights.zLoss) : tf.scalar(0),
    entropy: weights.entropy > 0 ? entropyLoss(probs, weights.entropy) : tf.scalar(0),
    importance:
      weights.importance > 0 && router.kind === 'topk' ? importanceLoss(gates, weights.importance) : tf.scalar(0),
  });
}

export function createMoeLayer(options: MoeLayerOptions, rng: Rng): MoeLayer {
  const { inputDim, hiddenDim, numExperts, router } = options;
  const activation = options.activation ?? 'relu';
  const experts = createExpertBank({ numExperts, inputDim, hiddenDim, outputDim: inputDim, activation }, rng);
  const numShared = options.numShared ?? 0;
  const shared =
    numShared > 0
      ? createExpertBank(
          {
            numExperts: numShared,
            inputDim,
            hiddenDim: options.sharedHiddenDim ?? hiddenDim,
            outputDim: inputDim,
            activation,
          },
          rng,
        )
      : undefined;
  // A CompeteSMoE layer routes like softmax top-k on ordinary steps.
  const selectingRouter: SelectingRouter | undefined =
    router.kind === 'soft' ? undefined : router.kind === 'compete' ? ordinaryRouter(router) : router;
  const routerWeights: RouterWeights | undefined = selectingRouter
    ? createRouterWeights(selectingRouter, inputDim, numExperts, rng)
    : undefined;
  const slotWeights = router.kind === 'soft' ? createSlotWeights(router, inputDim, numExperts, rng) : undefined;
  const routerVars = routerWeights ? routerVariables(routerWeights) : [slotWeights!];
  const auxWeights = auxWeightsFor(router, options.aux);

  const addShared = (y: tf.Tensor2D, x: tf.Tensor2D) =>
    shared ? tf.tidy(() => tf.add(y, tf.sum(runAllExperts(shared, x), 0)) as tf.Tensor2D) : y;

  function applyRouted(selecting: SelectingRouter, x: tf.Tensor2D, forward: MoeForwardOptions): MoeOutput {
    const mode = forward.mode ?? 'sparse';
    const n = x.shape[0];
    const width = routerWidth(selecting, numExperts);
    const routed = route(selecting, routerWeights!, x, numExperts, forward);
    const { choices } = routed;
    const realChoices = choices.experts.reduce((count, e) => count + (e >= 0 && e < numExperts ? 1 : 0), 0);
    // Expert choice fills exactly C slots per expert by construction; token choice may overflow.
    const capacity =
      selecting.kind === 'expert-choice'
        ? expertChoiceCapacity(n, numExperts, selecting.capacityFactor)
        : selecting.capacityFactor === undefined
          ? Infinity
          : tokenChoiceCapacity(realChoices, numExperts, selecting.capacityFactor);
    const kept = applyCapacity(choices, numExperts, capacity === Infinity ? n * choices.maxK : capacity);

    const output = tf.tidy(() => {
      const realGates = tf.slice(routed.gates, [0, 0], [n, numExperts]) as tf.Tensor2D;
      let y: tf.Tensor2D;
      if (mode === 'dense') {
        const keptMask = new Float32Array(n * numExperts);
        kept.forEach((k, i) => {
          if (k) keptMask[Math.floor(i / choices.maxK) * numExperts + choices.experts[i]] = 1;
        });
        y = denseCombine(experts, x, tf.mul(realGates, tf.tensor2d(keptMask, [n, numExperts])) as tf.Tensor2D);
      } else {
        const plan = buildPlan(choices, kept, numExperts);
        const slotInputs = tf.reshape(dispatchToSlots(x, plan), [numExperts, plan.slots, inputDim]) as tf.Tensor3D;
        const slotOutputs = tf.reshape(runExperts(experts, slotInputs), [
          numExperts * plan.slots,
          inputDim,
        ]) as tf.Tensor2D;
        y = combineChoices(collectFromSlots(slotOutputs, plan), realGates, plan);
      }
      return addShared(y, x);
    });

    // f_e of the balance loss: the router's own choices (null experts included, capacity ignored).
    const fractions = new Float32Array(width);
    let total = 0;
    for (const e of choices.experts) {
      if (e < 0) continue;
      fractions[e]++;
      total++;
    }
    for (let e = 0; e < width; e++) fractions[e] /= Math.max(total, 1);
    const aux = routedAux(selecting, auxWeights, routed.logits, routed.probs, routed.gates, fractions);
    const routing = describeRouting(choices, routed.choiceGates, kept, routed.probsCpu, width, numExperts, capacity);
    tf.dispose([routed.logits, routed.gates, ...(forward.keepProbs ? [] : [routed.probs])]);
    return { output, routing, aux, ...(forward.keepProbs ? { probs: routed.probs } : {}) };
  }

  /**
   * A competition step: every expert runs, each token takes the top-k experts by response score s^C
   * with gates s^C, and the router's probabilities are pulled towards s^C (router-only gradients: the
   * router sees a constant copy of x).
   */
  function applyCompetition(compete: CompeteRouter, x: tf.Tensor2D, forward: MoeForwardOptions): MoeOutput {
    const n = x.shape[0];
    const k = Math.min(compete.k, numExperts);
    const all = runAllExperts(experts, x); // [E, N, d]
    const scores = competitionScores(all);
    const scoresCpu = Float32Array.from(readToHost(scores));
    const choices = selectTopK(scoresCpu, n, numExperts, k);
    const winners = new Float32Array(n * numExperts);
    choices.experts.forEach((e, i) => (winners[Math.floor(i / k) * numExperts + e] = 1));
    const normalise = Boolean(compete.normalize);
    const output = tf.tidy(() => {
      const picked = tf.mul(scores, tf.tensor2d(winners, [n, numExperts]));
      const gates = normalise ? tf.div(picked, tf.sum(picked, 1, true)) : picked;
      const y = tf.sum(tf.mul(all, tf.expandDims(tf.transpose(gates), 2)), 0) as tf.Tensor2D;
      return addShared(y, x);
    });
    const logits = forward.logits
      ? tf.clone(forward.logits)
      : tf.tidy(
          () =>
            tf.matMul(
              tf.tensor2d(readToHost(x) as Float32Array, x.shape),
              routerWeights!.kernel as tf.Tensor2D,
            ) as tf.Tensor2D,
        );
    const probs = tf.softmax(logits) as tf.Tensor2D;
    const fractions = new Float32Array(numExperts).fill(0);
    for (const e of choices.experts) fractions[e] += 1 / (n * k);
    const distillWeight = compete.distillWeight ?? COMPETE_DEFAULTS.distillWeight;
    const winnerWeight = compete.winnerWeight ?? COMPETE_DEFAULTS.winnerWeight;
    const aux = sumAux({
      balance: auxWeights.balance > 0 ? balanceLoss(probs, fractions, auxWeights.balance) : tf.scalar(0),
      zLoss: auxWeights.zLoss > 0 ? routerZLoss(logits, auxWeights.zLoss) : tf.scalar(0),
      entropy: tf.scalar(0),
      importance: tf.scalar(0),
      distill: distillationLoss(probs, scoresCpu, winners, k, distillWeight, winnerWeight),
    });
    const choiceGates = Float32Array.from(choices.scores);
    if (normalise) {
      for (let t = 0; t < n; t++) {
        let total = 0;
        for (let c = 0; c < k; c++) total += choiceGates[t * k + c];
        for (let c = 0; c < k; c++) choiceGates[t * k + c] /= total;
      }
    }
    const routing = describeRouting(
      choices,
      choiceGates,
      new Uint8Array(n * k).fill(1),
      scoresCpu,
      numExperts,
      numExperts,
      Infinity,
    );
    tf.dispose([all, scores, logits, ...(forward.keepProbs ? [] : [probs])]);
    return { output, routing, aux, ...(forward.keepProbs ? { probs } : {}) };
  }

  return {
    options,
    experts,
    shared,
    routerVariables: routerVars,
    variables: [...routerVars, ...expertVariables(experts), ...(shared ? expertVariables(shared) : [])],
    apply(x, forward = {}) {
      if (router.kind === 'compete' && forward.compete) return applyCompetition(router, x, forward);
      if (selectingRouter) return applyRouted(selectingRouter, x, forward);
      if (router.kind !== 'soft') throw new Error(`unknown router kind`);
      const soft = applySoftMoe(router, slotWeights!, experts, x, forward.mode ?? 'sparse');
      return { output: addShared(soft.output, x), routing: soft.routing, aux: zeroAux() };
    },
    dispose() {
      tf.dispose([...routerVars, ...expertVariables(experts), ...(shared ? expertVariables(shared) : [])]);
    },
  };
}
