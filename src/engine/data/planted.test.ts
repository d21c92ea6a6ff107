import { describe, expect, it } from 'vitest';
import { getField, splitDataset } from './dataset.ts';
import { makePlantedDataset } from './planted.ts';

const options = { numTasks: 8, numGroups: 2, inputDim: 16, numSamples: 1500, noise: 0.1, seed: 5 };

function correlation(y: Float32Array, numTasks: number, a: number, b: number): number {
  const n = y.length / numTasks;
  let ma = 0,
    mb = 0;
  for (let s = 0; s < n; s++) {
    ma += y[s * numTasks + a];
    mb += y[s * numTasks + b];
  }
  ma /= n;
  mb /= n;
  let cov = 0,
    va = 0,
    vb = 0;
  for (let s = 0; s < n; s++) {
    const da = y[s * numTasks + a] - ma,
      db = y[s * numTasks + b] - mb;
    cov += da * db;
    va += da * da;
    vb += db * db;
  }
  return cov / Math.sqrt(va * vb);
}

describe('makePlantedDataset', () => {
  it('is deterministic per seed and differs across seeds', () => {
    const a = makePlantedDataset(options);
    const b = makePlantedDataset(options);
    const c = makePlantedDataset({ ...options, seed: 6 });
    expect(getField(a, 'y').values).toEqual(getField(b, 'y').values);
    expect(getField(a, 'x').values).toEqual(getField(b, 'x').values);
    expect(getField(a, 'y').values).not.toEqual(getField(c, 'y').values);
  });

  it('returns the planted grouping and shapes', () => {
    const data = makePlantedDataset(options);
    expect(data.plantedGroups).toEqual([0, 1, 0, 1, 0, 1, 0, 1]);
    expect(getField(data, 'x').shape).toEqual([16]);
    expect(getField(data, 'y').values.length).toBe(1500 * 8);
  });

  it('plants real structure: targets correlate within a group, not across', () => {
    for (const seed of [1, 2, 3]) {
      const data = makePlantedDataset({ ...options, seed });
      const y = getField(data, 'y').values;
      const within: number[] = [];
      const across: number[] = [];
      for (let a = 0; a < 8; a++) {
        for (let b = a + 1; b < 8; b++) {
          const r = Math.abs(correlation(y, 8, a, b));
          (data.plantedGroups![a] === data.plantedGroups![b] ? within : across).push(r);
        }
      }
      const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
      expect(mean(within)).toBeGreaterThan(0.5);
      expect(mean(within)).toBeGreaterThan(mean(across) + 0.3);
    }
  });

  it('splits without losing or duplicating rows', () => {
    const data = makePlantedDataset(options);
    const { train, validation } = splitDataset(data, 0.2);
    expect(train.numSamples + validation.numSamples).toBe(data.numSamples);
    expect(validation.numSamples).toBe(300);
    expect(getField(validation, 'y').values[0]).toBe(getField(data, 'y').values[1200 * 8]);
  });
});
