// The job runtime against a fake job worker: start, progress, cancel, a crashing job, and a job
// replaced by a newer one under the same key (whose late messages must not overwrite the newer).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeJobWorker as FakeWorker } from '../testing/fakeJobWorker.ts';

vi.mock('./labWorker.ts', async () => {
  const { FakeJobWorker } = await import('../testing/fakeJobWorker.ts');
  return { startLabWorker: () => new FakeJobWorker() };
});

const { useLab } = await import('../store/index.ts');
const { jobKeys } = await import('../store/jobKeys.ts');
const { cancelJob, forgetJob, jobRunning, startJob } = await import('./jobRuntime.ts');

const key = jobKeys.benchmark;
const timing = (backend: 'cpu' | 'wasm', msPerStep: number) => ({ backend, msPerStep });
const benchmark = { timings: [timing('cpu', 3)], chosen: 'cpu', seconds: 1 } as never;
const start = () =>
  startJob(key, 'benchmark', { input: {}, live: [] as { backend: string }[], fold: (all, t) => [...all, t] });
const record = () => useLab.getState().jobs[key];
const lastWorker = () => FakeWorker.given[FakeWorker.given.length - 1];

beforeEach(() => {
  useLab.setState({ jobs: {} });
  FakeWorker.given = [];
});

describe('job runtime', () => {
  it('starts a job, folds its progress into live and keeps its result', async () => {
    const done = start();
    const worker = lastWorker();
    expect(worker.sent.at(-1)).toEqual({ type: 'run', kind: 'benchmark', input: {} });
    expect(record()).toMatchObject({ status: 'running', live: [] });
    expect(jobRunning(key)).toBe(true);
    worker.reply({ type: 'progress', progress: timing('cpu', 3) });
    worker.reply({ type: 'progress', progress: timing('wasm', 5) });
    expect(record().live).toEqual([timing('cpu', 3), timing('wasm', 5)]);
    worker.reply({ type: 'result', result: benchmark });
    expect(await done).toBe(benchmark);
    expect(record()).toMatchObject({ status: 'done', result: benchmark });
    expect(jobRunning(key)).toBe(false);
  });

  it('cancels a job: its worker is terminated and the record says cancelled', async () => {
    const done = start();
    lastWorker().reply({ type: 'progress', progress: timing('cpu', 3) });
    cancelJob(key);
    expect(await done).toBeUndefined();
    expect(lastWorker().terminated).toBe(true);
    expect(record()).toMatchObject({ status: 'cancelled', live: [timing('cpu', 3)] });
  });

  it('forgets a cancelled job when asked to', async () => {
    const done = startJob(key, 'benchmark', { input: {}, live: [], forgetWhenCancelled: true });
    cancelJob(key);
    await done;
    expect(record()).toBeUndefined();
  });

  it('reports a crashing worker and a job that fails with its message', async () => {
    const crashed = start();
    lastWorker().crash('out of memory');
    expect(await crashed).toBeUndefined();
    expect(record()).toMatchObject({ status: 'failed', error: 'The benchmark worker crashed: out of memory' });

    const failed = start();
    lastWorker().reply({ type: 'error', message: 'no backend works' });
    expect(await failed).toBeUndefined();
    expect(record()).toMatchObject({ status: 'failed', error: 'no backend works' });
  });

  it('replaces a running job by a newer one under the same key; the older one cannot write any more', async () => {
    const older = start();
    const first = lastWorker();
    const newer = start();
    const second = lastWorker();
    expect(first.terminated).toBe(true);
    expect(await older).toBeUndefined();
    // Whatever the older worker still delivers is dropped.
    first.reply({ type: 'progress', progress: timing('wasm', 9) });
    first.reply({ type: 'result', result: { timings: [], chosen: 'wasm', seconds: 9 } as never });
    expect(record()).toMatchObject({ status: 'running', live: [] });
    second.reply({ type: 'progress', progress: timing('cpu', 3) });
    second.reply({ type: 'result', result: benchmark });
    expect(await newer).toBe(benchmark);
    expect(record()).toMatchObject({ status: 'done', live: [timing('cpu', 3)], result: benchmark });
  });

  it('keeps the last result on show while a new job runs, when asked to', async () => {
    const done = start();
    lastWorker().reply({ type: 'result', result: benchmark });
    await done;
    const again = startJob(key, 'benchmark', { input: {}, live: [], keepResult: true });
    expect(record()).toMatchObject({ status: 'running', result: benchmark });
    cancelJob(key);
    await again;
    const fresh = start();
    expect(record().result).toBeUndefined();
    cancelJob(key);
    await fresh;
  });

  it('moves the transfer list to the worker, can leave the result to the caller, and words a failure', async () => {
    const bytes = new ArrayBuffer(8);
    const done = startJob(key, 'benchmark', { input: {}, live: [], transfer: [bytes], resultToCallerOnly: true });
    expect(lastWorker().transferred.at(-1)).toEqual([bytes]);
    lastWorker().reply({ type: 'result', result: benchmark });
    expect(await done).toBe(benchmark);
    expect(record()).toMatchObject({ status: 'done' });
    expect(record().result).toBeUndefined();

    const failing = startJob(key, 'benchmark', {
      input: {},
      live: [],
      failure: (message) => `The benchmark of cell 7 failed: ${message}`,
    });
    lastWorker().crash('out of memory');
    await failing;
    expect(record().error).toBe('The benchmark of cell 7 failed: The benchmark worker crashed: out of memory');
  });

  it('forgets a key: its running job is cancelled and its record dropped', async () => {
    const done = start();
    forgetJob(key);
    expect(await done).toBeUndefined();
    expect(lastWorker().terminated).toBe(true);
    expect(record()).toBeUndefined();
    expect(jobRunning(key)).toBe(false);
  });
});
