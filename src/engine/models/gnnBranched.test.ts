// The GNN branched over its processor rounds (AutoBRANE on CLRS-lite): an all-shared tree is the
// plain GNN, groups own their blocks (a task's loss never reaches another group's weights), and a
// tree that does not refine is refused with a message.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { graphTasksOf, makeClrsLiteDataset } from '../data/clrsLite.ts';
import { countParams } from './layers.ts';
import { toDevice } from '../train/batches.ts';
import { createRng } from '../util/random.ts';
import { createGnn } from './gnn.ts';

beforeAll(async () => {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
});

const data = makeClrsLiteDataset({
  numGraphs: 12,
  numNodes: [4, 6],
  edgeProbability: [0.3, 0.5],
  connectedFraction: 0.5,
  tasks: ['bfs-reach', 'bfs-hops', 'mst'],
  seed: 2,
});
const tasks = graphTasksOf(data);
const options = { tasks, hidden: 8, layers: 2, aggregation: 'mean' as const };

describe('branched GNN', () => {
  it('with an all-shared tree is the plain GNN (same weights, same losses)', async () => {
    const device = toDevice(data);
    const plain = createGnn(options, createRng(4));
    const shared = createGnn({ ...options, tree: [[[0, 1, 2]], [[0, 1, 2]]] }, createRng(4));
    const a = await tf.tidy(() => plain.taskLosses(device.tensors)).data();
    const b = await tf.tidy(() => shared.taskLosses(device.tensors)).data();
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(countParams(shared.shared)).toBe(countParams(plain.shared));
    [plain, shared].forEach((m) => m.dispose());
    device.dispose();
  });

  it('gives each group its own blocks: a task reaches only its own path', () => {
    const tree = [[[0, 1, 2]], [[0, 2], [1]]];
    const net = createGnn({ ...options, tree }, createRng(4));
    const plain = createGnn(options, createRng(4));
    // One extra round-1 block: the trunk grows by exactly one message-passing layer.
    const block = countParams(net.blocks[1][0].variables);
    expect(countParams(net.shared)).toBe(countParams(plain.shared) + block);
    const device = toDevice(data);
    const { grads, value } = tf.variableGrads(
      () => tf.tidy(() => net.taskLosses(device.tensors).slice([1], [1]).sum() as tf.Scalar),
      net.shared,
    );
    const norm = (v: tf.Variable) => tf.tidy(() => tf.sum(tf.abs(grads[v.name] ?? tf.zerosLike(v))).dataSync()[0]);
    expect(net.blocks[1][0].variables.every((v) => norm(v) === 0)).toBe(true); // group {0, 2}
    expect(net.blocks[1][1].variables.some((v) => norm(v) > 0)).toBe(true); // group {1}
    expect(net.blocks[0][0].variables.some((v) => norm(v) > 0)).toBe(true); // shared round 0
    tf.dispose([value, ...Object.values(grads)]);
    [net, plain].forEach((m) => m.dispose());
    device.dispose();
  });

  it('refuses a tree that does not refine or does not match the layers', () => {
    expect(() =>
      createGnn(
        {
          ...options,
          tree: [
            [[0, 1], [2]],
            [[0, 2], [1]],
          ],
        },
        createRng(1),
      ),
    ).toThrow(/round 1 group \[0,2\] is not inside one group/);
    expect(() => createGnn({ ...options, tree: [[[0, 1, 2]]] }, createRng(1))).toThrow(
      /1 rounds but the model has 2 layers/,
    );
    expect(() => createGnn({ ...options, tree: [[[0, 1]], [[0, 1]]] }, createRng(1))).toThrow(/cover tasks 0..2/);
  });
});
