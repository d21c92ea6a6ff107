import { describe, expect, it } from 'vitest';
import { bufferLimitObstacle, largestDataBytes } from './webgpuDevice.ts';
import { makeDataset } from './data/index.ts';

describe('bufferLimitObstacle', () => {
  const data = makeDataset(
    { kind: 'planted', numTasks: 4, numGroups: 2, inputDim: 16, numSamples: 1024, noise: 0.1 },
    1,
  );
  const bytes = largestDataBytes(data); // x: 1024 × 16 float32

  it('measures the largest field the data puts on the device', () => expect(bytes).toBe(1024 * 16 * 4));

  it('names the sizes when the data is just over the smaller of the two limits, and passes when it fits', () => {
    expect(bufferLimitObstacle(bytes, { maxBufferSize: 2 ** 30, maxStorageBufferBindingSize: bytes - 4 })).toBe(
      'the training data needs a buffer of 65,536 bytes and this GPU allows 65,532 bytes per buffer',
    );
    expect(bufferLimitObstacle(bytes, { maxBufferSize: bytes, maxStorageBufferBindingSize: 2 ** 30 })).toBeNull();
    expect(bufferLimitObstacle(bytes, {})).toBeNull();
  });
});
