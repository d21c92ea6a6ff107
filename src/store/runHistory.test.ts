import 'fake-indexeddb/auto';
import { createStore } from 'idb-keyval';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ExperimentSpec } from '../protocol/index.ts';
import { createRunHistory, persistRunChanges } from './runHistory.ts';
import type { RunRecord } from './runsSlice.ts';

let storeCount = 0;
const freshHistory = () => createRunHistory(createStore(`test-${storeCount++}`, 'runs'));

const run = (id: string, status: RunRecord['status'], steps = 2): RunRecord => ({
  id,
  cellId: 'cell-1',
  name: `run ${id}`,
  createdAt: 1,
  spec: ExperimentSpec.parse({}),
  status,
  losses: { numTasks: 2, numSteps: steps, values: new Float32Array(1024).fill(0.5) },
  stepsPerSecond: 10,
  snapshots: [],
});

afterEach(() => vi.useRealTimers());

describe('run history', () => {
  it('round-trips finished runs, storing only the valid part of the loss buffer', async () => {
    const history = freshHistory();
    await history.save(run('a', 'done', 3));
    const [restored] = await history.load();
    expect(restored.status).toBe('done');
    expect(restored.losses.values).toHaveLength(6);
    expect(restored.spec).toEqual(ExperimentSpec.parse({}));
  });

  it('marks a run that was live when the page went away as interrupted, keeping its steps', async () => {
    const history = freshHistory();
    await history.save(run('live', 'running', 5));
    await history.save(run('paused', 'paused', 1));
    const restored = await history.load();
    expect(restored.map((r) => r.status).sort()).toEqual(['interrupted', 'interrupted']);
    expect(restored.find((r) => r.id === 'live')!.losses.numSteps).toBe(5);
    // …and that mark is itself saved.
    expect((await history.load()).every((r) => r.status === 'interrupted')).toBe(true);
  });

  it('saves live runs at most once a second, finished ones at once, and forgets deleted ones', async () => {
    vi.useFakeTimers();
    const saved: string[] = [];
    const removed: string[] = [];
    const listener = persistRunChanges(
      {
        load: async () => [],
        save: async (r) => void saved.push(`${r.id}:${r.status}:${r.losses.numSteps}`),
        remove: async (id) => void removed.push(id),
      },
      () => undefined,
    );
    let previous: Record<string, RunRecord> = {};
    const change = (runs: Record<string, RunRecord>) => {
      listener(runs, previous);
      previous = runs;
    };
    for (let step = 1; step <= 5; step++) change({ a: run('a', 'running', step) });
    expect(saved).toEqual([]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(saved).toEqual(['a:running:5']);
    change({ a: run('a', 'done', 6) });
    expect(saved).toEqual(['a:running:5', 'a:done:6']);
    change({});
    expect(removed).toEqual(['a']);
  });
});
