/// <reference lib="webworker" />
// The one worker entry the page starts, for training runs and for jobs alike: the worker's name says which
// (src/bridge/labWorker.ts). Both roles load as chunks of this one bundle, so tfjs ships once, not twice.
const scope = self as unknown as DedicatedWorkerGlobalScope;

// Messages that arrive while the role's module loads wait here, then go to the handler it installs.
const early: MessageEvent[] = [];
scope.onmessage = (event) => early.push(event);

(scope.name === 'job' ? import('./job.worker.ts') : import('./train.worker.ts')).then(
  () => {
    for (const event of early) scope.onmessage?.(event);
  },
  (error: unknown) => {
    // A role that fails to load (a broken or missing chunk) must reach the page as a crashed worker, as a
    // failed top-level script does; a rejected import alone would leave the run waiting forever.
    setTimeout(() => {
      throw error instanceof Error ? error : new Error(String(error));
    });
  },
);
