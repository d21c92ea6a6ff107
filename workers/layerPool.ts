/// <reference lib="webworker" />
// The browser's trace-layer pool: one nested Web Worker per core, started by the job worker. Terminating
// the job worker (Cancel) ends them with it.
import { createLayerPool, type LayerPool, type PoolWorker } from '../src/engine/routing/layerPool.ts';

function spawnWebWorker(): PoolWorker {
  const worker = new Worker(new URL('./traceLayer.worker.ts', import.meta.url), {
    type: 'module',
    name: 'trace-layer',
  });
  return {
    post: (message) => worker.postMessage(message),
    listen(onReply, onFailure) {
      worker.onmessage = ({ data }) => onReply(data);
      worker.onerror = (event) => {
        event.preventDefault();
        onFailure(event.message || 'the trace-layer worker could not start');
      };
    },
    terminate: () => worker.terminate(),
  };
}

export function webLayerPool(size = navigator.hardwareConcurrency || 2): LayerPool {
  return createLayerPool(size, spawnWebWorker);
}
