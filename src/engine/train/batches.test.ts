// Batches gathered by host row copies (cpu, wasm) equal the device gather GPU backends use.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../data/dataset.ts';
import { gatherBatch, toDevice } from './batches.ts';

describe('gatherBatch', () => {
  it('copies the same rows on the host as tf.gather picks on the device', async () => {
    await tf.setBackend('cpu');
    const data: Dataset = {
      name: 'rows',
      numSamples: 5,
      taskNames: ['t'],
      fields: {
        x: { values: Float32Array.from({ length: 5 * 2 * 3 }, (_, i) => i), shape: [2, 3] },
        y: { values: Float32Array.from([10, 11, 12, 13, 14]), shape: [1] },
      },
    } as Dataset;
    const device = toDevice(data);
    expect(device.host).toBe(data);
    const indices = Int32Array.from([4, 0, 4, 2]);
    const host = gatherBatch(device, indices);
    const onDevice = gatherBatch({ ...device, host: undefined }, indices);
    for (const name of ['x', 'y']) {
      expect(host[name].shape).toEqual(onDevice[name].shape);
      expect(Array.from(host[name].dataSync())).toEqual(Array.from(onDevice[name].dataSync()));
    }
    expect(Array.from(host.y.dataSync())).toEqual([14, 10, 14, 12]);
    tf.dispose([...Object.values(host), ...Object.values(onDevice)]);
    device.dispose();
  });
});
