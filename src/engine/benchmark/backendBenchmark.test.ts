import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCpuBackend } from '../testing/setup.ts';
import { benchmarkBackends } from './backendBenchmark.ts';

beforeAll(useCpuBackend);

describe('benchmarkBackends', () => {
  it('measures the backends that start, reports why the others did not, picks a measured one, leaks nothing', async () => {
    const before = tf.memory().numTensors;
    const seen: string[] = [];
    const result = await benchmarkBackends({ backends: ['webgl', 'cpu'], warmupSteps: 1, timedSteps: 2, onTiming: (t) => seen.push(t.backend) });
    expect(seen).toEqual(['webgl', 'cpu']);
    const [webgl, cpu] = result.timings;
    expect(webgl.error).toMatch(/canvas|WebGL|not/i); // Node has no WebGL
    expect(cpu.error).toBeUndefined();
    expect(cpu.msPerStep).toBeGreaterThan(0);
    expect(result.chosen).toBe('cpu');
    expect(tf.memory().numTensors).toBe(before);
  });
});
