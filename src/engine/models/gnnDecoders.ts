// Per-task read-outs of the GNN's node states h [B, N, H]: node values, pointers and edge logits.
// Edge decoders are bilinear (matmuls to [B, N, N]) rather than an MLP on every node pair, which
// would need [B, N, N, H] tensors: slow on the `cpu` backend.
import * as tf from '@tensorflow/tfjs';
import { applyLast, bilinearScores, EDGE_CHANNELS, WEIGHT_CHANNEL, type GraphInputs } from './gnnProcessor.ts';
import { createDense, denseVariables } from './layers.ts';
import type { Rng } from '../util/random.ts';
import { addAll } from '../util/addAll.ts';

export interface Decoder {
  /** Node values [B, N]; pointer scores [B, N, N] (row v: scores of each u); edge logits [B, N, N]. */
  apply(h: tf.Tensor3D, graph: GraphInputs): tf.Tensor;
  variables: tf.Variable[];
}

/** Linear read-out per node (as in CLRS): one value per node, [B, N]. */
export function createNodeDecoder(rng: Rng, hidden: number): Decoder {
  const out = createDense(rng, hidden, 1);
  return {
    apply: (h) => tf.tidy(() => tf.squeeze(applyLast(out, h), [2])),
    variables: denseVariables(out),
  };
}

/**
 * Pointer scores h_v M h_u / √H + r_u (how likely any node points at u), with padded nodes u pushed
 * to −1e9 so softmax ignores them; [B, N, N].
 */
export function createPointerDecoder(rng: Rng, hidden: number): Decoder {
  const score = createDense(rng, hidden, hidden);
  const target = createDense(rng, hidden, 1);
  return {
    apply: (h, graph) =>
      tf.tidy(() => {
        const isNode = tf.transpose(tf.slice(graph.nodes, [0, 0, 0], [-1, -1, 1]), [0, 2, 1]); // [B, 1, N]
        const r = tf.transpose(applyLast(target, h), [0, 2, 1]); // [B, 1, N]
        return tf.add(bilinearScores(h, score), tf.add(r, tf.mul(tf.sub(isNode, 1), 1e9)));
      }),
    variables: [score, target].flatMap(denseVariables),
  };
}

/** Width of the edge decoder's per-pair MLP: small, since it runs on all [B, N, N] pairs. */
const PAIR_UNITS = 8;

/**
 * Edge logits: h_v M h_u + w_uv (h_v M' h_u) + a small MLP on [h_v, h_u, e_uv] + r_u + r_v,
 * averaged with the reverse pair so the answer is symmetric. The weight-scaled bilinear term and
 * the pair MLP let the head compare an edge's weight with thresholds that depend on both endpoints
 * (what MST and shortest-path trees need). The task's edge mask is applied by the loss.
 */
export function createEdgeDecoder(rng: Rng, hidden: number): Decoder {
  const pair = createDense(rng, hidden, hidden);
  const weighted = createDense(rng, hidden, hidden);
  const node = createDense(rng, hidden, 1);
  const receiver = createDense(rng, hidden, PAIR_UNITS);
  const sender = createDense(rng, hidden, PAIR_UNITS);
  const edge = createDense(rng, EDGE_CHANNELS, PAIR_UNITS);
  const out = createDense(rng, PAIR_UNITS, 1);
  return {
    apply: (h, graph) =>
      tf.tidy(() => {
        const r = applyLast(node, h); // [B, N, 1]; r_v + r_u by broadcasting against its transpose
        const units = tf.relu(
          tf.add(
            tf.add(tf.expandDims(applyLast(receiver, h), 2), tf.expandDims(applyLast(sender, h), 1)),
            applyLast(edge, graph.edges),
          ),
        ); // [B, N, N, PAIR_UNITS]
        const logits = addAll([
          bilinearScores(h, pair),
          tf.mul(graph.channels[WEIGHT_CHANNEL], bilinearScores(h, weighted)),
          tf.squeeze(applyLast(out, units), [3]) as tf.Tensor3D,
          tf.add(r, tf.transpose(r, [0, 2, 1])),
        ]);
        return tf.mul(tf.add(logits, tf.transpose(logits, [0, 2, 1])), 0.5);
      }),
    variables: [pair, weighted, node, receiver, sender, edge, out].flatMap(denseVariables),
  };
}
