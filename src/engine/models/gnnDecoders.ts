// Per-task read-outs of the GNN's node states h [B, N, H]: node values, pointers and edge logits.
// Edge decoders are bilinear (matmuls to [B, N, N]) rather than an MLP on every node pair, which
// would need [B, N, N, H] tensors: slow on the `cpu` backend.
import * as tf from '@tensorflow/tfjs';
import { applyLast, EDGE_CHANNELS, mixChannels, type GraphInputs } from './gnnProcessor.ts';
import { createDense, denseVariables } from './layers.ts';
import type { Rng } from '../util/random.ts';

export interface Decoder {
  /** Node values [B, N]; pointer scores [B, N, N] (row v: scores of each u); edge logits [B, N, N]. */
  apply(h: tf.Tensor3D, graph: GraphInputs): tf.Tensor;
  variables: tf.Variable[];
}

/** Two-layer MLP per node → one value per node, [B, N]. */
export function createNodeDecoder(rng: Rng, hidden: number, name: string): Decoder {
  const first = createDense(rng, hidden, hidden, `${name}/hidden`);
  const out = createDense(rng, hidden, 1, `${name}/out`);
  return {
    apply: (h) => tf.tidy(() => tf.squeeze(applyLast(out, tf.relu(applyLast(first, h))), [2])),
    variables: [first, out].flatMap(denseVariables),
  };
}

/** ⟨a_v, b_u⟩ / √H for every pair: [B, N, N]. */
const pairScores = (a: tf.Tensor3D, b: tf.Tensor3D) => tf.mul(tf.matMul(a, b, false, true), 1 / Math.sqrt(a.shape[2])) as tf.Tensor3D;

/** Pointer scores ⟨q_v, k_u⟩ / √H, with padded nodes u pushed to −1e9 so softmax ignores them; [B, N, N]. */
export function createPointerDecoder(rng: Rng, hidden: number, name: string): Decoder {
  const query = createDense(rng, hidden, hidden, `${name}/query`);
  const key = createDense(rng, hidden, hidden, `${name}/key`);
  return {
    apply: (h, graph) =>
      tf.tidy(() => {
        const isNode = tf.transpose(tf.slice(graph.nodes, [0, 0, 0], [-1, -1, 1]), [0, 2, 1]); // [B, 1, N]
        return tf.add(pairScores(applyLast(query, h), applyLast(key, h)), tf.mul(tf.sub(isNode, 1), 1e9));
      }),
    variables: [query, key].flatMap(denseVariables),
  };
}

/**
 * Edge logits: ⟨q_v, k_u⟩ + w_uv ⟨q'_v, k'_u⟩ + Σ_c a_c e_c(u→v) + r_u + r_v + b, averaged with
 * the reverse pair so the answer is symmetric. The weight-scaled term lets the head compare an
 * edge's weight against a threshold that depends on both endpoints (what MST and shortest-path
 * trees need). Masked by the task's edge mask outside.
 */
export function createEdgeDecoder(rng: Rng, hidden: number, name: string): Decoder {
  const [query, key, weightQuery, weightKey] = ['query', 'key', 'weightQuery', 'weightKey'].map((part) =>
    createDense(rng, hidden, hidden, `${name}/${part}`),
  );
  const node = createDense(rng, hidden, 1, `${name}/node`);
  const edge = tf.variable(tf.zeros([EDGE_CHANNELS]), true, `${name}/edge`);
  return {
    apply: (h, graph) =>
      tf.tidy(() => {
        const weightTerm = tf.mul(graph.channels[1], pairScores(applyLast(weightQuery, h), applyLast(weightKey, h)));
        const r = applyLast(node, h); // [B, N, 1]: r_v + r_u by broadcasting against its transpose
        const logits = tf.addN([
          pairScores(applyLast(query, h), applyLast(key, h)),
          weightTerm,
          mixChannels(graph.channels, edge),
          tf.add(r, tf.transpose(r, [0, 2, 1])),
        ]);
        return tf.mul(tf.add(logits, tf.transpose(logits, [0, 2, 1])), 0.5);
      }),
    variables: [...[query, key, weightQuery, weightKey, node].flatMap(denseVariables), edge],
  };
}
