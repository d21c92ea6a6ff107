// The main-thread side of the training workers: one worker per live run. Start a run, pause,
// resume or stop it, and turn each worker's events into store actions. Components call these
// functions, never postMessage.
import { parseSpec, type ExperimentSpec, type FromWorker, type ToWorker } from '../protocol/index.ts';
import { withRememberedBackend } from '../store/backendPreference.ts';
import { useLab } from '../store/index.ts';
import { createTableFiles } from '../store/tableFiles.ts';
import { resolveRunData } from './resolveRunData.ts';
import { startLabWorker } from './labWorker.ts';
import { createRunQueue, RUN_LIMIT } from './runQueue.ts';
import { createProgressBuffer } from './progressBuffer.ts';

/** How long a cooperative stop may take before the worker is terminated. */
const STOP_GRACE_MS = 3000;

const workers = new Map<string, Worker>();
const queue = createRunQueue(RUN_LIMIT);
const progress = createProgressBuffer((batch) => useLab.getState().progressArrived(batch));

const send = (runId: string, message: ToWorker) => workers.get(runId)?.postMessage(message);

/** Ends a worker that misbehaves (crashed, or ignores Stop). */
function release(runId: string) {
  workers.get(runId)?.terminate();
  forget(runId);
}

/** A run that ended normally: its worker closes itself (GPU teardown stays off the page's thread), so only the reference and its slot go. */
function forget(runId: string) {
  workers.delete(runId);
  queue.leave(runId);
}

function handle(runId: string, event: FromWorker) {
  if (event.type === 'progress') return progress.add(runId, event);
  progress.flush(); // a run's other events come after its progress so far
  const store = useLab.getState();
  switch (event.type) {
    case 'ready':
      return store.backendReady(runId, event);
    case 'started':
      return store.runStarted(runId, event);
    case 'snapshot':
      return store.snapshotArrived(runId, event);
    case 'status':
      return store.statusChanged(runId, event.state);
    case 'done':
      store.runFinished(runId, event);
      return forget(runId);
    case 'error':
      store.runFailed(runId, event.message);
      return forget(runId);
  }
}

/** Validates the spec and starts it in a fresh worker; returns the new run's id. */
export function startRun(cellId: string, specInput: unknown): string {
  const store = useLab.getState();
  const runId = crypto.randomUUID();
  const parsed = parseSpec(specInput);
  const spec = parsed.ok ? parsed.spec : (specInput as never);
  store.runAdded({ id: runId, cellId, name: parsed.ok ? parsed.spec.name : 'Invalid experiment', spec });
  if (!parsed.ok) {
    store.runFailed(runId, `The experiment cannot start:\n${parsed.errors.join('\n')}`);
    return runId;
  }
  void launch(runId, parsed.spec);
  return runId;
}

/** Resolves the run's data (dataset cells, stored files), then starts its worker. */
async function launch(runId: string, spec: ExperimentSpec) {
  const store = useLab.getState();
  const data = await resolveRunData(spec, store.notebook, createTableFiles()).catch(
    (error: Error) => ({ ok: false, error: `The dataset could not be read: ${error.message}` }) as const,
  );
  if (!data.ok) return store.runFailed(runId, data.error);
  await queue.take(runId, (place) => store.runQueued(runId, place));
  const status = useLab.getState().runs[runId]?.status;
  if (status !== 'starting' && status !== 'queued') return queue.leave(runId); // stopped or deleted meanwhile
  store.runQueued(runId, undefined);
  const worker = startLabWorker('train');
  workers.set(runId, worker);
  worker.onmessage = (message: MessageEvent<FromWorker>) => handle(runId, message.data);
  // A worker that dies (script error, out of memory) reports here; the page stays usable.
  worker.onerror = (error) => {
    error.preventDefault();
    store.runFailed(
      runId,
      `The training worker crashed: ${error.message || 'unknown error'}. Your experiment is unchanged; press Start to try again.`,
    );
    release(runId);
  };
  worker.onmessageerror = () => store.runFailed(runId, 'A message from the training worker could not be read.');
  const files = Object.values(data.tables).map((t) => t.bytes);
  // The page's ?backend= wins; else 'auto' means the automatic benchmark's pick (or the user's override).
  const start: ToWorker = {
    type: 'start',
    spec: withRememberedBackend(data.spec, useLab.getState().backendPreference),
    tables: data.tables,
    corpusUrl: new URL('corpus/', document.baseURI).href,
  };
  worker.postMessage(start, files);
}

export const pauseRun = (runId: string) => send(runId, { type: 'pause' });
export const resumeRun = (runId: string) => send(runId, { type: 'resume' });

export function stopRun(runId: string): void {
  const store = useLab.getState();
  const worker = workers.get(runId);
  if (!worker) {
    // Not started yet (queued, or reading its data): it simply never starts.
    if (store.runs[runId]?.status !== 'queued' && store.runs[runId]?.status !== 'starting') return;
    queue.leave(runId);
    return store.runStopped(runId, 'Stopped before it started.');
  }
  store.stopRequested(runId);
  send(runId, { type: 'stop' });
  // A step stuck in a long kernel cannot see the stop flag: terminate it after a grace period.
  setTimeout(() => {
    // Gone, or training halted (the worker is finishing its validation): nothing to end.
    if (workers.get(runId) !== worker || useLab.getState().runs[runId]?.status === 'stopped') return;
    release(runId);
    useLab
      .getState()
      .runStopped(runId, 'The run did not stop within 3 s, so its worker was ended; its curves are kept.');
  }, STOP_GRACE_MS);
}
