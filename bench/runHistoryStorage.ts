// IndexedDB figures for the run history: saving 100 finished runs one by one, saving one more
// into a full history, loading all of them, and one notebook autosave into the notebook library. Node has no IndexedDB, so
// this runs on fake-indexeddb (an in-memory implementation): the figures measure our code,
// idb-keyval and structured cloning, not a browser's disk. `npx tsx bench/runHistoryStorage.ts`
import 'fake-indexeddb/auto';
import { createStore } from 'idb-keyval';
import { defaultNotebook } from '../src/notebook/defaultNotebook.ts';
import { ExperimentSpec } from '../src/protocol/index.ts';
import { createNotebookLibrary } from '../src/store/notebookLibrary.ts';
import { createRunHistory } from '../src/store/runHistory.ts';
import type { RunRecord } from '../src/store/runsSlice.ts';

const RUNS = 100;
const TASKS = 8;

function makeRun(i: number, steps: number): RunRecord {
  const values = new Float32Array(steps * TASKS).map((_, k) => 1 / (1 + k / TASKS) + (k % 7) * 1e-3);
  const snapshots = Array.from({ length: Math.floor(steps / 10) }, (_, s) => ({
    type: 'snapshot' as const,
    kind: 'affinity' as const,
    step: s * 10,
    method: 'lookahead' as const,
    numTasks: TASKS,
    matrix: new Float32Array(TASKS * TASKS).fill(s),
  }));
  const tasks = Array.from({ length: TASKS }, (_, t) => ({
    name: `task${t}`,
    trainLoss: 0.1,
    validationLoss: 0.12,
    validationScore: 0.9,
  }));
  return {
    id: `run-${steps}-${i}`,
    cellId: 'cell',
    name: 'Planted clusters',
    createdAt: Date.now(),
    spec: ExperimentSpec.parse({ seed: i }),
    status: 'done',
    info: { taskNames: tasks.map((t) => t.name), totalSteps: steps, numParams: 6000, scoreName: 'R²' },
    losses: { numTasks: TASKS, numSteps: steps, values },
    stepsPerSecond: 100,
    snapshots,
    result: { type: 'done', stepsRun: steps, seconds: 3, stopped: false, tasks },
  };
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

async function timeEach(count: number, run: (i: number) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    await run(i);
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b);
}

export async function benchRunHistory(): Promise<void> {
  console.log(
    `\nRun history in IndexedDB (fake-indexeddb in Node, not a browser), ${RUNS} finished runs of ${TASKS} tasks with affinity snapshots every 10 steps`,
  );
  console.log(
    'steps/run | KB/run | save ms median (p95), 100 runs one by one | total s | save #101–120 ms median | load all 120 ms',
  );
  for (const steps of [300, 3000]) {
    const history = createRunHistory(createStore(`bench-runs-${steps}`, 'runs'));
    const runs = Array.from({ length: RUNS }, (_, i) => makeRun(i, steps));
    const kb =
      (runs[0].losses.values.byteLength +
        runs[0].snapshots.length * TASKS * TASKS * 4 +
        JSON.stringify(runs[0].spec).length) /
      1024;
    const saves = await timeEach(RUNS, (i) => history.save(runs[i]));
    const extra = await timeEach(20, (i) => history.save(makeRun(RUNS + i, steps)));
    const start = performance.now();
    const loaded = await history.load();
    const loadMs = performance.now() - start;
    if (loaded.length !== RUNS + 20) throw new Error(`loaded ${loaded.length} runs`);
    const total = saves.reduce((a, b) => a + b, 0) / 1000;
    console.log(
      `${String(steps).padStart(9)} | ${kb.toFixed(0).padStart(6)} | ${`${quantile(saves, 0.5).toFixed(2)} (${quantile(saves, 0.95).toFixed(2)})`.padStart(42)} | ${total.toFixed(2).padStart(7)} | ${quantile(extra, 0.5).toFixed(2).padStart(23)} | ${loadMs.toFixed(0).padStart(15)}`,
    );
  }
  const library = createNotebookLibrary(createStore('bench-library', 'notebooks'));
  const notebook = defaultNotebook();
  const { id } = await library.create(notebook, 'new');
  const autosaves = await timeEach(50, () => library.save(id, notebook));
  console.log(
    `notebook autosave (default notebook): median ${quantile(autosaves, 0.5).toFixed(2)} ms, p95 ${quantile(autosaves, 0.95).toFixed(2)} ms`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await benchRunHistory();
