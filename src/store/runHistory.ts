// Keeps the run history in IndexedDB (idb-keyval): every run is saved as it changes (debounced
// while live, at once when it ends), and restored on load. A run that was live when the page went
// away comes back as "interrupted" with every step it had saved.
import { createStore, del, entries, set as put, type UseStore } from 'idb-keyval';
import { LIVE_STATUSES, type RunRecord } from './runsSlice.ts';

const SAVE_LIVE_EVERY_MS = 1000;

export interface RunHistory {
  /** Every stored run; on page load (`interruptLive`) runs saved while live come back interrupted. */
  load(interruptLive?: boolean): Promise<RunRecord[]>;
  save(run: RunRecord): Promise<void>;
  remove(id: string): Promise<void>;
}

/** The stored form drops the spare capacity of the growing loss buffer. */
function compact(run: RunRecord): RunRecord {
  const { numTasks, numSteps, values } = run.losses;
  return { ...run, losses: { numTasks, numSteps, values: values.slice(0, numTasks * numSteps) } };
}

export function createRunHistory(store: UseStore = createStore('tasklab-runs', 'runs')): RunHistory {
  return {
    async load(interruptLive = true) {
      const stored = (await entries<string, RunRecord>(store)).map(([, run]) => run);
      // Runs saved before snapshots existed have none.
      const upgraded = stored.map((run) => (run.snapshots ? run : { ...run, snapshots: [] }));
      const restored = upgraded.map((run) =>
        interruptLive && LIVE_STATUSES.has(run.status) ? { ...run, status: 'interrupted' as const } : run,
      );
      await Promise.all(restored.filter((run, i) => run !== upgraded[i]).map((run) => put(run.id, run, store)));
      return restored;
    },
    save: (run) => put(run.id, compact(run), store),
    remove: (id) => del(id, store),
  };
}

type RunsListener = (runs: Record<string, RunRecord>, previous: Record<string, RunRecord>) => void;

/**
 * A store listener that saves each changed run: live runs at most once a second, finished ones
 * immediately; deleted runs are removed. `onError` hears about failed writes (e.g. quota).
 */
export function persistRunChanges(history: RunHistory, onError: (message: string) => void): RunsListener {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const latest = new Map<string, RunRecord>();
  const save = (id: string) => {
    timers.delete(id);
    const run = latest.get(id);
    if (run) history.save(run).catch((error: Error) => onError(`Could not save run "${run.name}": ${error.message}`));
  };
  return (runs, previous) => {
    for (const [id, run] of Object.entries(runs)) {
      if (run === previous[id]) continue;
      latest.set(id, run);
      if (!LIVE_STATUSES.has(run.status)) {
        clearTimeout(timers.get(id));
        save(id);
      } else if (!timers.has(id)) {
        timers.set(
          id,
          setTimeout(() => save(id), SAVE_LIVE_EVERY_MS),
        );
      }
    }
    for (const id of Object.keys(previous)) {
      if (runs[id]) continue;
      clearTimeout(timers.get(id));
      timers.delete(id);
      latest.delete(id);
      history.remove(id).catch(() => undefined);
    }
  };
}
