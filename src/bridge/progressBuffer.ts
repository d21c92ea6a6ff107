// Progress events of all live runs, written to the store together at most every 100 ms. Each store
// update re-renders every view of the notebook, so one update per worker message (up to 20 a second
// from each of seven workers) kept the page's main thread busy; one update for all runs is cheap.
import type { ProgressEvent } from '../protocol/index.ts';

export const PROGRESS_FLUSH_MS = 100;

export interface ProgressBuffer {
  /** Keeps `event` of run `runId` for the next flush (scheduled if none is). */
  add(runId: string, event: ProgressEvent): void;
  /** Writes everything kept now, in arrival order per run (before a run's other events, so they stay in order). */
  flush(): void;
}

/** `write` gets every run's kept events in one call; `schedule` is setTimeout unless a test passes its own. */
export function createProgressBuffer(
  write: (batch: Map<string, ProgressEvent[]>) => void,
  schedule: (flush: () => void, ms: number) => unknown = setTimeout,
): ProgressBuffer {
  let pending = new Map<string, ProgressEvent[]>();
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (pending.size === 0) return;
    const batch = pending;
    pending = new Map();
    write(batch);
  };
  return {
    add(runId, event) {
      const events = pending.get(runId);
      if (events) events.push(event);
      else pending.set(runId, [event]);
      if (!scheduled) {
        scheduled = true;
        schedule(flush, PROGRESS_FLUSH_MS);
      }
    },
    flush,
  };
}
