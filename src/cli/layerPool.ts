// Node's trace-layer pool: one worker thread per core. The worker file sits beside this one and has the
// same extension, so the pool works from the TypeScript sources (tsx) and from compiled JavaScript alike.
import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createLayerPool, type LayerPool, type LayerReply, type PoolWorker } from '../engine/routing/layerPool.ts';

const extension = extname(fileURLToPath(import.meta.url));
const workerUrl = new URL(`./layerWorker${extension}`, import.meta.url);

/** Worker threads do not inherit tsx's loader in Node 20: a TypeScript worker registers it first. */
function startWorker(): Worker {
  if (extension !== '.ts') return new Worker(workerUrl);
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(workerUrl.href)}); })`;
  return new Worker(boot, { eval: true });
}

function spawnThread(): PoolWorker {
  const worker = startWorker();
  return {
    post: (message) => worker.postMessage(message),
    listen(onReply, onFailure) {
      worker.removeAllListeners('message').removeAllListeners('error');
      worker.once('message', (reply: LayerReply) => onReply(reply));
      worker.once('error', (error: Error) => onFailure(error.message));
    },
    terminate: () => void worker.terminate(),
  };
}

export function nodeLayerPool(size = availableParallelism()): LayerPool {
  return createLayerPool(size, spawnThread);
}
