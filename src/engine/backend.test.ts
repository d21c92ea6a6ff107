import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { candidateOrder, describeWebGpuAdapter, initBackend, selectFirstWorking } from './backend.ts';

describe('backend choice', () => {
  it('prefers webgpu, then webgl, wasm, cpu; a forced backend goes first', () => {
    expect(candidateOrder('auto')).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
    expect(candidateOrder('wasm')).toEqual(['wasm', 'webgpu', 'webgl', 'cpu']);
  });

  it('falls through a backend that throws (unregistered) and one whose init resolves false', async () => {
    tf.env().set('PROD', true);
    tf.registerBackend('broken-test', () => {
      throw new Error('no device');
    });
    const report = await selectFirstWorking(['never-registered', 'broken-test', 'cpu']);
    expect(report.backend).toBe('cpu');
    expect(report.fallbacks.map((f) => f.backend)).toEqual(['never-registered', 'broken-test']);
    expect(report.fallbacks[0].reason).toMatch(/never-registered/);
    expect(report.fallbacks[1].reason).toBe('failed to initialise');
  });

  it('explains why WebGPU and WebGL are skipped in Node', async () => {
    expect(await describeWebGpuAdapter()).toMatch(/navigator\.gpu/);
    const report = await initBackend('auto');
    expect(['wasm', 'cpu']).toContain(report.backend);
    expect(report.fallbacks.find((f) => f.backend === 'webgpu')?.reason).toMatch(/WebGPU/);
    expect(report.fallbacks.find((f) => f.backend === 'webgl')?.reason).toMatch(/canvas/);
  });

  it('reports a software adapter as such', async () => {
    const scope = globalThis as { navigator?: unknown };
    const saved = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
    Object.defineProperty(globalThis, 'navigator', {
      configurable: true,
      value: {
        gpu: {
          requestAdapter: async () => ({ info: { vendor: 'google', architecture: 'swiftshader', description: '' } }),
        },
      },
    });
    try {
      expect(await describeWebGpuAdapter()).toEqual({
        vendor: 'google',
        architecture: 'swiftshader',
        description: '',
        isSoftware: true,
      });
    } finally {
      if (saved) Object.defineProperty(globalThis, 'navigator', saved);
      else delete scope.navigator;
    }
  });

  it('skips webgpu for a job whose data is over a buffer limit and goes to wasm, saying why', async () => {
    const scope = globalThis as { navigator?: unknown };
    const saved = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
    const limits = { maxBufferSize: 1024, maxStorageBufferBindingSize: 1024 };
    Object.defineProperty(globalThis, 'navigator', {
      configurable: true,
      value: { gpu: { requestAdapter: async () => ({ limits, info: {} }) } },
    });
    try {
      const big = await initBackend('auto', {}, { largestBufferBytes: 1028 });
      expect(big.fallbacks[0]).toEqual({
        backend: 'webgpu',
        reason: 'the training data needs a buffer of 1,028 bytes and this GPU allows 1,024 bytes per buffer',
      });
      expect(big.backend).toBe('wasm');
    } finally {
      if (saved) Object.defineProperty(globalThis, 'navigator', saved);
      else delete scope.navigator;
    }
  });
});
