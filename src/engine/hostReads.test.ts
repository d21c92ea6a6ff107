import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { answerReads, readToHost, withAnsweredReads } from './hostReads.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A forward with two dependent host reads: the second read's tensor depends on the first's values. */
function forward(x: tf.Tensor1D) {
  const first = readToHost(x);
  const top = first.indexOf(Math.max(...first));
  const shifted = tf.add(x, tf.oneHot(tf.tensor1d([top], 'int32'), x.shape[0]).reshape([x.shape[0]]));
  const second = readToHost(tf.mul(shifted, 2));
  return { top, second: Array.from(second), out: tf.sum(shifted) };
}

describe('host reads answered in advance', () => {
  it('collects every read asynchronously, then replays the forward with the same values and no synchronous read', async () => {
    const x = tf.tensor1d([0.5, 3, 1]);
    const expected = tf.tidy(() => {
      const { top, second } = forward(x);
      return tf.tensor1d([top, ...second]);
    });
    const answers = await answerReads(() => forward(x));
    expect(answers.map((a) => Array.from(a))).toEqual([
      [0.5, 3, 1],
      [1, 8, 2],
    ]);
    const sync = vi.spyOn(tf.Tensor.prototype, 'dataSync');
    const replayed = withAnsweredReads(answers, () => forward(x));
    expect(sync).not.toHaveBeenCalled();
    sync.mockRestore();
    expect([replayed.top, ...replayed.second]).toEqual(Array.from(expected.dataSync()));
    expect(replayed.out.dataSync()[0]).toBeCloseTo(5.5);
    tf.dispose([x, expected, replayed.out]);
  });

  it('fails with a clear message when the replay asks for more reads than were answered', () => {
    const x = tf.tensor1d([1, 2]);
    expect(() => withAnsweredReads([new Float32Array([1, 2])], () => forward(x))).toThrow(
      /asked for host read 2, but only 1 were answered/,
    );
    x.dispose();
  });

  it('leaves no tensors behind from the passes that stopped at a read', async () => {
    const x = tf.tensor1d([2, 1]);
    const before = tf.memory().numTensors;
    await answerReads(() => forward(x));
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});
