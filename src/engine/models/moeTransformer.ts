// A tiny character-level transformer language model whose feed-forward blocks are MoE layers
// (pre-LayerNorm, causal multi-head attention). Small enough to train in a browser tab; several
// layers so that inter-layer routing statistics mean something. Embeddings are one-hot matmuls,
// not gathers, so training works on wasm too (no UnsortedSegmentSum there).
import * as tf from '@tensorflow/tfjs';
import type { TextBatch } from '../data/textCorpus.ts';
import { normalArray, type Rng } from '../util/random.ts';
import { variableFrom } from './layers.ts';
import { createMoeLayer, type MoeLayer } from './moe/moeLayer.ts';
import { createRecurrentRouter } from './moe/recurrentRouter.ts';
import type { AuxWeights, DispatchMode, RouterOptions, RoutingInfo } from './moe/types.ts';
import { addAll } from '../util/addAll.ts';

export interface MoeTransformerOptions {
  vocabSize: number;
  contextLength: number;
  dModel: number;
  numHeads: number;
  numLayers: number;
  numExperts: number;
  /** Hidden width of each expert. */
  expertHidden: number;
  router: RouterOptions;
  numShared?: number;
  aux?: AuxWeights;
  /** Replace the per-layer routers by one layerwise recurrent router with this state width (§3.11). */
  recurrentRouter?: { stateDim: number };
}

export interface LmForwardOptions {
  mode?: DispatchMode;
  training?: boolean;
  noise?: () => number;
  /** A CompeteSMoE competition step (routers of kind 'compete' only). */
  compete?: boolean;
  /** Experts knocked out at inference, per layer (knockout[l] = expert ids of layer l). */
  knockout?: readonly (readonly number[])[];
  /** Also return each layer's router probabilities (the caller disposes them). */
  keepProbs?: boolean;
  /** Also return the mean cross-entropy of each window (the caller disposes it). */
  windowLosses?: boolean;
  /** Also return each MoE layer's input [N, d] (the caller disposes them; expert health runs the experts on them). */
  layerInputs?: boolean;
}

interface Block {
  ln1: [tf.Variable, tf.Variable];
  qkv: tf.Variable; // [d, 3d]
  proj: tf.Variable; // [d, d]
  ln2: [tf.Variable, tf.Variable];
  moe: MoeLayer;
}

export interface LmOutput {
  /** Mean next-character cross-entropy over the batch (nats). */
  loss: tf.Scalar;
  /** [domains] mean cross-entropy of each domain's windows (0 for domains absent from the batch). */
  domainLosses: tf.Tensor1D;
  /** Σ over layers of the MoE auxiliary losses / numLayers (ALGORITHMS.md Part 2 §3 table). */
  aux: tf.Scalar;
  /** One record per MoE layer, token order b·T + t. */
  routing: RoutingInfo[];
  /** [N, E] router probabilities per layer, when asked for. */
  routerProbs?: tf.Tensor2D[];
  /** [B] mean cross-entropy per window, when asked for. */
  windowLosses?: tf.Tensor1D;
  /** [N, d] each MoE layer's input, when asked for. */
  layerInputs?: tf.Tensor2D[];
}

export interface MoeTransformer {
  options: MoeTransformerOptions;
  variables: tf.Variable[];
  /** Blocks' MoE layers, in depth order (for attribution, unlearning and knockout). */
  moeLayers: MoeLayer[];
  forward(batch: TextBatch, numDomains: number, options?: LmForwardOptions): LmOutput;
  dispose(): void;
}

function layerNorm(x: tf.Tensor2D, [gain, bias]: [tf.Variable, tf.Variable]): tf.Tensor2D {
  const { mean, variance } = tf.moments(x, 1, true);
  return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5))), gain), bias) as tf.Tensor2D;
}

export function createMoeTransformer(options: MoeTransformerOptions, rng: Rng): MoeTransformer {
  const { vocabSize: v, contextLength, dModel: d, numHeads: h, numLayers } = options;
  if (d % h !== 0) throw new Error(`dModel ${d} is not a multiple of numHeads ${h}`);
  const matrix = (rows: number, cols: number, std: number) =>
    variableFrom(tf.tensor2d(normalArray(rng, rows * cols, std), [rows, cols]));
  const norm = (): [tf.Variable, tf.Variable] => [variableFrom(tf.ones([d])), variableFrom(tf.zeros([d]))];
  const tokenEmbedding = matrix(v, d, 0.02 * Math.sqrt(d));
  const positionEmbedding = matrix(contextLength, d, 0.02 * Math.sqrt(d));
  const blocks: Block[] = Array.from({ length: numLayers }, () => ({
    ln1: norm(),
    qkv: matrix(d, 3 * d, 1 / Math.sqrt(d)),
    // Residual projections start small (GPT-2 style 1/√(2L) scaling) so deep stacks start stable.
    proj: matrix(d, d, 1 / Math.sqrt(d) / Math.sqrt(2 * numLayers)),
    ln2: norm(),
    moe: createMoeLayer(
      {
        inputDim: d,
        hiddenDim: options.expertHidden,
        numExperts: options.numExperts,
        router: options.router,
        numShared: options.numShared,
        aux: options.aux,
      },
      rng,
    ),
  }));
  const finalNorm = norm();
  const head = matrix(d, v, 1 / Math.sqrt(d));
  const recurrent = options.recurrentRouter
    ? createRecurrentRouter(
        { inputDim: d, stateDim: options.recurrentRouter.stateDim, numLayers, numExperts: options.numExperts },
        rng,
      )
    : undefined;
  // With a recurrent router the layers' own router matrices are never used, so they are not trained.
  const moeVariables = (moe: MoeLayer) =>
    recurrent ? moe.variables.filter((x) => !moe.routerVariables.includes(x)) : moe.variables;
  const variables = [
    tokenEmbedding,
    positionEmbedding,
    ...blocks.flatMap((b) => [...b.ln1, b.qkv, b.proj, ...b.ln2, ...moeVariables(b.moe)]),
    ...finalNorm,
    head,
    ...(recurrent ? recurrent.variables : []),
  ];

  /** Causal multi-head self-attention on x [B·T, d]. */
  const attend = (x: tf.Tensor2D, block: Block, b: number, t: number): tf.Tensor2D => {
    const dh = d / h;
    // Columns of x·W_qkv are [q | k | v], each [heads · dh]. Sliced in 2-D: the gradient of a 5-D slice
    // is a 5-D pad, whose WebGPU shader is invalid (tfjs-webgpu indexes a 'vec5'), which silently
    // dropped the step's other GPU work.
    const qkv = tf.matMul(x, block.qkv as tf.Tensor2D); // [B·T, 3d]
    const part = (i: number) =>
      tf.reshape(tf.transpose(tf.reshape(tf.slice(qkv, [0, i * d], [b * t, d]), [b, t, h, dh]), [0, 2, 1, 3]), [
        b * h,
        t,
        dh,
      ]) as tf.Tensor3D;
    const [q, k, val] = [part(0), part(1), part(2)];
    const future = new Float32Array(t * t);
    for (let i = 0; i < t; i++) for (let j = i + 1; j < t; j++) future[i * t + j] = -1e9;
    const scores = tf.add(tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(dh)), tf.tensor2d(future, [t, t]));
    const mixed = tf.matMul(tf.softmax(scores), val); // [B·h, T, dh]
    const merged = tf.reshape(tf.transpose(tf.reshape(mixed, [b, h, t, dh]), [0, 2, 1, 3]), [b * t, d]) as tf.Tensor2D;
    return tf.matMul(merged, block.proj as tf.Tensor2D);
  };

  return {
    options,
    variables,
    moeLayers: blocks.map((b) => b.moe),
    forward(batch, numDomains, forward = {}) {
      const { batchSize: b, length: t } = batch;
      if (t > contextLength) throw new Error(`window of ${t} characters exceeds the context length ${contextLength}`);
      const routing: RoutingInfo[] = [];
      // Extra outputs leave the tidy as part of its result, so an enclosing scope (tf.variableGrads) owns them.
      const result = tf.tidy(() => {
        const routerProbs: tf.Tensor2D[] = [];
        const layerInputs: tf.Tensor2D[] = [];
        const oneHot = tf.oneHot(tf.tensor1d(batch.inputs, 'int32'), v) as tf.Tensor2D; // [B·T, V]
        const positions = tf.tile(tf.slice(positionEmbedding, [0, 0], [t, d]), [b, 1]);
        let x = tf.add(tf.matMul(oneHot, tokenEmbedding as tf.Tensor2D), positions) as tf.Tensor2D;
        const auxTerms: tf.Scalar[] = [];
        let state: tf.Tensor2D | null = null;
        blocks.forEach((block, l) => {
          x = tf.add(x, attend(layerNorm(x, block.ln1), block, b, t)) as tf.Tensor2D;
          const input = layerNorm(x, block.ln2);
          if (forward.layerInputs) layerInputs.push(input);
          let logits: tf.Tensor2D | undefined;
          if (recurrent) ({ logits, state } = recurrent.step(l, input, state));
          const moe = block.moe.apply(input, {
            mode: forward.mode,
            training: forward.training,
            noise: forward.noise,
            compete: forward.compete,
            logits,
            knockout: forward.knockout?.[l],
            keepProbs: forward.keepProbs,
          });
          routing.push(moe.routing);
          if (moe.probs) routerProbs.push(moe.probs);
          auxTerms.push(moe.aux.total);
          x = tf.add(x, moe.output) as tf.Tensor2D;
        });
        const logits = tf.matMul(layerNorm(x, finalNorm), head as tf.Tensor2D);
        const targets = tf.oneHot(tf.tensor1d(batch.targets, 'int32'), v);
        const perToken = tf.neg(tf.sum(tf.mul(targets, tf.logSoftmax(logits)), 1)); // [B·T]
        const perWindow = tf.mean(tf.reshape(perToken, [b, t]), 1) as tf.Tensor1D; // [B]
        const domainMask = new Float32Array(b * numDomains); // tf.oneHot refuses a depth of 1
        batch.domain.forEach((dom, i) => (domainMask[i * numDomains + dom] = 1));
        const domainOf = tf.tensor2d(domainMask, [b, numDomains]);
        const counts = tf.maximum(tf.sum(domainOf, 0), 1);
        const byDomain = tf.div(tf.sum(tf.mul(domainOf, tf.expandDims(perWindow, 1)), 0), counts) as tf.Tensor1D;
        return {
          loss: tf.mean(perToken) as tf.Scalar,
          domainLosses: byDomain,
          aux: tf.div(addAll(auxTerms), blocks.length) as tf.Scalar,
          routerProbs,
          layerInputs,
          windowLosses: forward.windowLosses ? perWindow : undefined,
        };
      });
      return {
        loss: result.loss,
        domainLosses: result.domainLosses,
        aux: result.aux,
        routing,
        ...(forward.keepProbs ? { routerProbs: result.routerProbs } : {}),
        ...(forward.layerInputs ? { layerInputs: result.layerInputs } : {}),
        ...(result.windowLosses ? { windowLosses: result.windowLosses } : {}),
      };
    },
    dispose() {
      tf.dispose([
        tokenEmbedding,
        positionEmbedding,
        ...blocks.flatMap((b) => [...b.ln1, b.qkv, b.proj, ...b.ln2]),
        ...finalNorm,
        head,
      ]);
      blocks.forEach((b) => b.moe.dispose());
      recurrent?.dispose();
    },
  };
}
