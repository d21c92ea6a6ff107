// The main-thread side of the training worker: start a run, pause/resume/stop it, and turn the
// worker's events into store actions. Components call these functions, never postMessage.
import { parseSpec, type FromWorker, type ToWorker } from '../protocol.ts';
import { useLab } from '../store/index.ts';

/** How long a cooperative stop may take before the worker is terminated. */
const STOP_GRACE_MS = 3000;

let worker: Worker | undefined;

function send(message: ToWorker) {
  worker?.postMessage(message);
}

function handle(event: FromWorker) {
  const store = useLab.getState();
  switch (event.type) {
    case 'ready':
      return store.backendReady(event);
    case 'started':
      return store.runStarted(event);
    case 'progress':
      return store.progressArrived(event);
    case 'status':
      return store.statusChanged(event.state);
    case 'done':
      store.runFinished(event);
      return dispose();
    case 'error':
      store.runFailed(event.message);
      return dispose();
  }
}

function dispose() {
  worker?.terminate();
  worker = undefined;
}

export function startRun(): void {
  const { specInput, runStarting, runFailed } = useLab.getState();
  const parsed = parseSpec(specInput);
  if (!parsed.ok) return runFailed(`The experiment cannot start:\n${parsed.errors.join('\n')}`);
  dispose();
  runStarting();
  const current = new Worker(new URL('../../workers/train.worker.ts', import.meta.url), { type: 'module' });
  worker = current;
  current.onmessage = (message: MessageEvent<FromWorker>) => current === worker && handle(message.data);
  // A worker that dies (script error, out of memory) reports here; the page stays usable.
  current.onerror = (error) => {
    error.preventDefault();
    if (current !== worker) return;
    runFailed(`The training worker crashed: ${error.message || 'unknown error'}. Your experiment is unchanged; press Start to try again.`);
    dispose();
  };
  current.onmessageerror = () => current === worker && runFailed('A message from the training worker could not be read.');
  send({ type: 'start', spec: parsed.spec });
}

export const pauseRun = () => send({ type: 'pause' });
export const resumeRun = () => send({ type: 'resume' });

export function stopRun(): void {
  const stopping = worker;
  if (!stopping) return;
  useLab.getState().stopRequested();
  send({ type: 'stop' });
  // A step stuck in a long kernel cannot see the stop flag: terminate it after a grace period.
  setTimeout(() => {
    if (worker !== stopping) return;
    dispose();
    useLab.getState().runFailed('The run did not stop in time and was terminated; its curves are kept above.');
  }, STOP_GRACE_MS);
}
