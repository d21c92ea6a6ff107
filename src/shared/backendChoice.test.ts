import { describe, expect, it } from 'vitest';
import { chooseFastestBackend, type BackendTiming } from './backendChoice.ts';

describe('chooseFastestBackend', () => {
  it('picks the backend with the fewest milliseconds per step', () => {
    const timings: BackendTiming[] = [
      { backend: 'webgpu', msPerStep: 4.1 },
      { backend: 'webgl', msPerStep: 3.2 },
      { backend: 'wasm', msPerStep: 5.5 },
      { backend: 'cpu', msPerStep: 40 },
    ];
    expect(chooseFastestBackend(timings)).toBe('webgl');
  });

  it('skips backends that failed, and returns undefined when none was measured', () => {
    expect(
      chooseFastestBackend([
        { backend: 'webgpu', error: 'no adapter' },
        { backend: 'cpu', msPerStep: 30 },
        { backend: 'wasm', msPerStep: Number.NaN },
      ]),
    ).toBe('cpu');
    expect(chooseFastestBackend([{ backend: 'webgpu', error: 'no adapter' }])).toBeUndefined();
    expect(chooseFastestBackend([])).toBeUndefined();
  });

  it('never picks a software WebGPU adapter that is slower than (or as fast as) another backend', () => {
    expect(
      chooseFastestBackend([
        { backend: 'webgpu', msPerStep: 12, isSoftware: true },
        { backend: 'wasm', msPerStep: 6 },
      ]),
    ).toBe('wasm');
    expect(
      chooseFastestBackend([
        { backend: 'webgpu', msPerStep: 6, isSoftware: true },
        { backend: 'wasm', msPerStep: 6 },
      ]),
    ).toBe('wasm');
    // Listed first and second-fastest overall: still not chosen over the faster cpu-side backend.
    expect(
      chooseFastestBackend([
        { backend: 'webgpu', msPerStep: 8, isSoftware: true },
        { backend: 'cpu', msPerStep: 7.9 },
        { backend: 'wasm', msPerStep: 20 },
      ]),
    ).toBe('cpu');
  });

  it('takes a software adapter only when it is strictly the fastest or the only one that works', () => {
    expect(
      chooseFastestBackend([
        { backend: 'webgpu', msPerStep: 2, isSoftware: true },
        { backend: 'wasm', msPerStep: 6 },
      ]),
    ).toBe('webgpu');
    expect(
      chooseFastestBackend([
        { backend: 'webgpu', msPerStep: 50, isSoftware: true },
        { backend: 'wasm', error: 'failed' },
      ]),
    ).toBe('webgpu');
  });
});
