import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../protocol/index.ts';
import { createProgressBuffer, PROGRESS_FLUSH_MS } from './progressBuffer.ts';

const progress = (firstStep: number): ProgressEvent => ({
  type: 'progress',
  firstStep,
  numSteps: 1,
  numTasks: 1,
  losses: new Float32Array([firstStep]),
  stepsPerSecond: 1,
});

describe('createProgressBuffer', () => {
  it('writes the events of every run in one call per flush interval, each run in arrival order', () => {
    const writes: Map<string, ProgressEvent[]>[] = [];
    const timers: { run: () => void; ms: number }[] = [];
    const buffer = createProgressBuffer(
      (batch) => writes.push(batch),
      (run, ms) => timers.push({ run, ms }),
    );
    buffer.add('a', progress(0));
    buffer.add('b', progress(0));
    buffer.add('a', progress(1));
    expect(writes).toEqual([]);
    expect(timers.map((t) => t.ms)).toEqual([PROGRESS_FLUSH_MS]); // one timer for all runs
    timers[0].run();
    expect(writes).toHaveLength(1);
    expect([...writes[0].keys()]).toEqual(['a', 'b']);
    expect(writes[0].get('a')!.map((e) => e.firstStep)).toEqual([0, 1]);
    buffer.add('a', progress(2));
    expect(timers).toHaveLength(2); // the next event schedules the next flush
  });

  it('flushes at once on demand (before a run’s other events) and writes nothing when empty', () => {
    const writes: Map<string, ProgressEvent[]>[] = [];
    const timers: (() => void)[] = [];
    const buffer = createProgressBuffer(
      (batch) => writes.push(batch),
      (run) => timers.push(run),
    );
    buffer.add('a', progress(0));
    buffer.flush();
    expect(writes).toHaveLength(1);
    timers[0](); // the scheduled flush finds nothing left
    buffer.flush();
    expect(writes).toHaveLength(1);
    buffer.add('a', progress(1));
    expect(timers).toHaveLength(2);
  });
});
