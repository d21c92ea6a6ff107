// Coalesces progress events so a consumer (the worker's postMessage, above all) sees at most
// `maxPerSecond` of them however fast training runs. Other events pass straight through,
// after any pending progress, so the order of steps is never changed.
import type { ProgressEvent, RunEvent } from '../../protocol/index.ts';

export interface ThrottleOptions {
  maxPerSecond: number;
  now?: () => number;
}

function concatProgress(events: ProgressEvent[]): ProgressEvent {
  if (events.length === 1) return events[0];
  const numTasks = events[0].numTasks;
  const numSteps = events.reduce((sum, e) => sum + e.numSteps, 0);
  const losses = new Float32Array(numSteps * numTasks);
  let offset = 0;
  for (const e of events) {
    losses.set(e.losses, offset);
    offset += e.losses.length;
  }
  const last = events[events.length - 1];
  return {
    type: 'progress',
    firstStep: events[0].firstStep,
    numSteps,
    numTasks,
    losses,
    stepsPerSecond: last.stepsPerSecond,
  };
}

export interface ThrottledEmitter {
  emit(event: RunEvent): void;
  /** Sends whatever progress is pending now. */
  flush(): void;
  dispose(): void;
}

export function throttleProgress(emit: (event: RunEvent) => void, options: ThrottleOptions): ThrottledEmitter {
  const interval = 1000 / options.maxPerSecond;
  const now = options.now ?? (() => performance.now());
  let pending: ProgressEvent[] = [];
  let lastSent = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const flush = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (pending.length === 0) return;
    const merged = concatProgress(pending);
    pending = [];
    lastSent = now();
    emit(merged);
  };

  return {
    emit(event) {
      if (event.type !== 'progress') {
        flush();
        emit(event);
        return;
      }
      pending.push(event);
      const wait = lastSent + interval - now();
      if (wait <= 0) flush();
      else if (timer === undefined) timer = setTimeout(flush, wait);
    },
    flush,
    dispose() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      pending = [];
    },
  };
}
