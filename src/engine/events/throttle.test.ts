import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ProgressEvent, RunEvent } from '../../protocol/index.ts';
import { throttleProgress } from './throttle.ts';

const progress = (firstStep: number, numTasks = 2): ProgressEvent => ({
  type: 'progress',
  firstStep,
  numSteps: 1,
  numTasks,
  losses: Float32Array.from({ length: numTasks }, (_, t) => firstStep * 10 + t),
  stepsPerSecond: 1000,
});

afterEach(() => vi.useRealTimers());

describe('throttleProgress', () => {
  it('sends at most 20 progress messages per second from a fast fake engine, keeping every step in order', async () => {
    vi.useFakeTimers();
    const sent: { at: number; event: RunEvent }[] = [];
    const events = throttleProgress((event) => sent.push({ at: Date.now(), event }), {
      maxPerSecond: 20,
      now: () => Date.now(),
    });
    // A fake engine producing one step every 0.2 ms for 3 simulated seconds: 15,000 steps.
    for (let step = 0; step < 15_000; step++) {
      events.emit(progress(step));
      if (step % 5 === 4) await vi.advanceTimersByTimeAsync(1);
    }
    events.emit({ type: 'done', stepsRun: 15_000, seconds: 3, stopped: false, tasks: [] });

    const progressMessages = sent.filter((s) => s.event.type === 'progress');
    for (const { at } of progressMessages) {
      const inWindow = progressMessages.filter((other) => other.at > at - 1000 && other.at <= at).length;
      expect(inWindow).toBeLessThanOrEqual(20);
    }
    const steps = progressMessages.flatMap(({ event }) => {
      const e = event as ProgressEvent;
      return Array.from({ length: e.numSteps }, (_, i) => e.firstStep + i);
    });
    expect(steps).toEqual(Array.from({ length: 15_000 }, (_, i) => i));
    const last = progressMessages.at(-1)!.event as ProgressEvent;
    expect(last.losses.at(-1)).toBe(14_999 * 10 + 1);
    expect(sent.at(-1)!.event.type).toBe('done');
  });

  it('flushes pending progress before any other event', () => {
    const sent: RunEvent[] = [];
    let clock = 0;
    const events = throttleProgress((event) => sent.push(event), { maxPerSecond: 20, now: () => clock });
    events.emit(progress(0));
    clock = 10;
    events.emit(progress(1));
    events.emit({ type: 'status', state: 'paused' });
    expect(sent.map((e) => e.type)).toEqual(['progress', 'progress', 'status']);
    events.dispose();
  });
});
