import { beforeAll, describe, expect, it } from 'vitest';
import type { RunEvent } from '../protocol/index.ts';
import { runExperiment } from './run.ts';
import { useCpuBackend } from './testing/setup.ts';

describe('Stop', () => {
  beforeAll(useCpuBackend);

  it('says "stopped" as soon as training halts, then ends with a stopped done event', async () => {
    const stop = new AbortController();
    const events: RunEvent[] = [];
    const spec = {
      backend: 'cpu',
      dataset: { kind: 'planted', numTasks: 2, numSamples: 128 },
      model: { kind: 'shared-bottom', hidden: [8] },
      training: { steps: 100_000, batchSize: 16 },
    };
    const done = await runExperiment(spec, {
      keepBackend: true,
      signal: stop.signal,
      emit: (event) => {
        events.push(event);
        if (event.type === 'progress') stop.abort();
      },
    });
    const types = events.map((e) => (e.type === 'status' ? `status:${e.state}` : e.type));
    expect(types.at(-1)).toBe('done');
    expect(types.filter((t) => t === 'status:stopped')).toHaveLength(1);
    // Nothing trains after it: at most the last chunk's losses are still read back.
    expect(types.slice(types.indexOf('status:stopped') + 1, -1).every((t) => t === 'progress')).toBe(true);
    expect(done.stopped).toBe(true);
    expect(done.stepsRun).toBeLessThan(100_000);
  });
});
