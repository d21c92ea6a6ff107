import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../testing/setup.ts';
import { benchmarkBackends, softwareWebGlRenderer } from './backendBenchmark.ts';

beforeAll(useCpuBackend);

describe('benchmarkBackends', () => {
  it('measures the backends that start, reports why the others did not, picks a measured one, leaks nothing', async () => {
    const before = tf.memory().numTensors;
    const seen: string[] = [];
    const result = await benchmarkBackends({
      backends: ['webgl', 'cpu'],
      warmupSteps: 1,
      timedSteps: 2,
      onTiming: (t) => seen.push(t.backend),
    });
    expect(seen).toEqual(['webgl', 'cpu']);
    const [webgl, cpu] = result.timings;
    expect(webgl.error).toMatch(/canvas|WebGL|not/i); // Node has no WebGL
    expect(cpu.error).toBeUndefined();
    expect(cpu.msPerStep).toBeGreaterThan(0);
    expect(result.chosen).toBe('cpu');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('skips a software WebGL renderer when another backend works, and says why', async () => {
    // A stand-in for the browser's OffscreenCanvas whose WebGL context reports SwiftShader.
    const gl = {
      RENDERER: 1,
      getExtension: (name: string) => (name === 'WEBGL_debug_renderer_info' ? { UNMASKED_RENDERER_WEBGL: 2 } : null),
      getParameter: (p: number) =>
        p === 2 ? 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device), SwiftShader driver)' : 'WebKit WebGL',
    };
    const global = globalThis as { OffscreenCanvas?: unknown };
    global.OffscreenCanvas = class {
      getContext() {
        return gl;
      }
    };
    try {
      expect(softwareWebGlRenderer()).toMatch(/SwiftShader/);
      const seen: string[] = [];
      const result = await benchmarkBackends({
        backends: ['webgl', 'cpu'],
        warmupSteps: 1,
        timedSteps: 2,
        onTiming: (t) => seen.push(t.backend),
      });
      expect(seen).toEqual(['cpu', 'webgl']);
      const webgl = result.timings.find((t) => t.backend === 'webgl')!;
      expect(webgl.msPerStep).toBeUndefined();
      expect(webgl.isSoftware).toBe(true);
      expect(webgl.error).toMatch(/software renderer .*SwiftShader.*not measured/);
      expect(result.chosen).toBe('cpu');
    } finally {
      delete global.OffscreenCanvas;
    }
  });
});
