// Message passing on small padded graphs (N ≤ 32) with dense adjacency: every op is a batched
// matmul or an elementwise op on [B, N, N] or [B, N, H] tensors. No gather or segment sums, whose
// kernels are slow on tfjs `cpu` and have no gradient on `wasm`. Node states are [B, N, H]; edge
// matrices are indexed [B, receiver v, sender u].
import * as tf from '@tensorflow/tfjs';
import { createDense, variableFrom, denseVariables, type Dense } from './layers.ts';
import type { TensorBatch } from '../train/batches.ts';
import type { Rng } from '../util/random.ts';
import { addAll } from '../util/addAll.ts';

export type Aggregation = 'attention' | 'mean' | 'max';

export interface GraphInputs {
  nodes: tf.Tensor3D; // [B, N, F]; feature 0 marks real nodes
  adj: tf.Tensor3D; // [B, N, N]
  /** Edge channels for a message u → v, each [B, N(v), N(u)]: adjacency, weight, arc u→v, arc v→u. */
  channels: tf.Tensor3D[];
  /** The same channels stacked, [B, N, N, EDGE_CHANNELS]. */
  edges: tf.Tensor4D;
  /** 0 where v may attend to u (u a neighbour of v, or v itself), −1e9 elsewhere; [B, N, N]. */
  attentionBias: tf.Tensor3D;
}

export const EDGE_CHANNELS = 4;
export const WEIGHT_CHANNEL = 1;

export function graphInputs(batch: TensorBatch): GraphInputs {
  const adj = batch.adj as tf.Tensor3D;
  const dag = batch.dag as tf.Tensor3D;
  // dag[u, v] = 1 for the arc u → v, so seen from receiver v the incoming arc is dagᵀ[v, u].
  const channels = [adj, batch.weights as tf.Tensor3D, tf.transpose(dag, [0, 2, 1]) as tf.Tensor3D, dag];
  const allowed = tf.minimum(tf.add(adj, tf.eye(adj.shape[1])), 1);
  return {
    nodes: batch.nodes as tf.Tensor3D,
    adj,
    channels,
    edges: tf.stack(channels, 3) as tf.Tensor4D,
    attentionBias: tf.mul(tf.sub(allowed, 1), 1e9) as tf.Tensor3D,
  };
}

/** A dense layer on the last axis of a tensor of any rank. */
export function applyLast<R extends tf.Rank>(layer: Dense, x: tf.Tensor<R>): tf.Tensor<R> {
  const flat = tf.reshape(x, [-1, x.shape[x.shape.length - 1]]) as tf.Tensor2D;
  const out = tf.add(tf.matMul(flat, layer.kernel as tf.Tensor2D), layer.bias);
  const shaped: tf.Tensor = tf.reshape(out, [...x.shape.slice(0, -1), layer.bias.shape[0]]);
  return shaped as tf.Tensor<R>;
}

/** Σ_c a_c · channel_c for weights a [EDGE_CHANNELS, 1]: a learned scalar per edge, [B, N, N]. */
export function mixChannels(edges: tf.Tensor4D, weights: tf.Variable): tf.Tensor3D {
  const [batch, size] = edges.shape;
  return tf.reshape(tf.matMul(tf.reshape(edges, [-1, EDGE_CHANNELS]), weights as tf.Tensor2D), [batch, size, size]);
}

export interface MessagePassingLayer {
  apply(h: tf.Tensor3D, graph: GraphInputs): tf.Tensor3D;
  variables: tf.Variable[];
}

/** Bilinear scores h_v M h_uᵀ / √H for every pair, [B, N, N]: one projection instead of a query and a key. */
export function bilinearScores(h: tf.Tensor3D, projection: Dense): tf.Tensor3D {
  return tf.mul(tf.matMul(applyLast(projection, h), h, false, true), 1 / Math.sqrt(h.shape[2]));
}

/**
 * Dense graph attention: node v attends over its neighbours and itself with scores
 * h_v M h_u / √H + Σ_c a_c e_c(u→v); the message is Σ_u α_vu (W h_u + Σ_c e_c(u→v) ω_c), so it
 * also carries the attended edges' weights and arc directions. A sharp softmax can act like the
 * max/min aggregation that BFS and Bellman–Ford need, using only [B, N, N] ops and matmuls.
 */
export function createAttentionLayer(rng: Rng, hidden: number): MessagePassingLayer {
  const score = createDense(rng, hidden, hidden);
  const value = createDense(rng, hidden, hidden);
  const self = createDense(rng, hidden, hidden);
  const edgeValue = createDense(rng, EDGE_CHANNELS, hidden);
  const edgeScore = variableFrom(tf.zeros([EDGE_CHANNELS, 1]));
  return {
    apply: (h, graph) =>
      tf.tidy(() => {
        const scores = addAll([bilinearScores(h, score), mixChannels(graph.edges, edgeScore), graph.attentionBias]);
        const attention = tf.softmax(scores) as tf.Tensor3D; // [B, N, N]
        const edgesSeen = tf.sum(tf.mul(tf.expandDims(attention, 3), graph.edges), 2) as tf.Tensor3D; // [B, N, C]
        const message = tf.add(tf.matMul(attention, applyLast(value, h)), applyLast(edgeValue, edgesSeen));
        return tf.relu(tf.add(applyLast(self, h), message));
      }),
    variables: [...[score, value, self, edgeValue].flatMap(denseVariables), edgeScore],
  };
}

/**
 * Relational GCN layer: h_v ← ReLU(U h_v + Σ_c (Â_c h) W_c) with Â_c = A_c / degree, one
 * [B, N, N] × [B, N, H] matmul per edge channel. The cheapest layer; it cannot take a minimum.
 */
export function createMeanLayer(rng: Rng, hidden: number): MessagePassingLayer {
  const self = createDense(rng, hidden, hidden);
  const perChannel = Array.from({ length: EDGE_CHANNELS }, () => createDense(rng, hidden, hidden));
  return {
    apply: (h, graph) =>
      tf.tidy(() => {
        const inverseDegree = tf.div(1, tf.maximum(tf.sum(graph.adj, 2, true), 1)); // [B, N, 1]
        const messages = perChannel.map((layer, c) =>
          tf.mul(tf.matMul(graph.channels[c], applyLast(layer, h)), inverseDegree),
        );
        return tf.relu(addAll([applyLast(self, h), ...messages])) as tf.Tensor3D;
      }),
    variables: [self, ...perChannel].flatMap(denseVariables),
  };
}

/**
 * MPNN layer with max aggregation (the CLRS default): m(u→v) = ReLU(W_r h_v + W_s h_u + W_e e_uv),
 * h_v ← ReLU(U h_v + V max_u m(u→v)). It builds all N² messages, [B, N, N, H]: the most faithful
 * and by far the slowest layer on the `cpu` backend. Messages are ≥ 0, so masking by multiplying
 * with the adjacency leaves a node without neighbours an aggregate of 0.
 */
export function createMaxLayer(rng: Rng, hidden: number): MessagePassingLayer {
  const receiver = createDense(rng, hidden, hidden);
  const sender = createDense(rng, hidden, hidden);
  const edge = createDense(rng, EDGE_CHANNELS, hidden);
  const self = createDense(rng, hidden, hidden);
  const merge = createDense(rng, hidden, hidden);
  return {
    apply: (h, graph) =>
      tf.tidy(() => {
        const edges = applyLast(edge, graph.edges); // [B, N, N, H]
        const pairs = tf.add(
          tf.add(tf.expandDims(applyLast(receiver, h), 2), tf.expandDims(applyLast(sender, h), 1)),
          edges,
        );
        const messages = tf.mul(tf.relu(pairs), tf.expandDims(graph.adj, 3));
        return tf.relu(tf.add(applyLast(self, h), applyLast(merge, tf.max(messages, 2) as tf.Tensor3D)));
      }),
    variables: [receiver, sender, edge, self, merge].flatMap(denseVariables),
  };
}

const LAYERS: Record<Aggregation, typeof createMeanLayer> = {
  attention: createAttentionLayer,
  mean: createMeanLayer,
  max: createMaxLayer,
};

export const createMessagePassingLayer = (aggregation: Aggregation, rng: Rng, hidden: number) =>
  LAYERS[aggregation](rng, hidden);
