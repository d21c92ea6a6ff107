// A fixed pool of workers that compute trace layers (layerReport.ts) for analyseTraceParallel. The
// workers themselves are supplied by the caller (Web Workers in the browser, worker_threads in Node),
// wrapped in `PoolWorker`, so the engine stays free of either API.
import { analyseLayer, type LayerJob, type LayerResult } from './layerReport.ts';
import type { LayerRunner } from './report.ts';
import type { RoutingTrace } from './trace.ts';

export interface LayerRequest {
  view: RoutingTrace;
  job: LayerJob;
}
export type LayerReply = { result: LayerResult } | { error: string };

/** The little a pool needs of a worker. */
export interface PoolWorker {
  post(message: LayerRequest): void;
  /** Registers the one handler for replies and for the worker failing outright. */
  listen(onReply: (reply: LayerReply) => void, onFailure: (message: string) => void): void;
  terminate(): void;
}

export interface LayerPool {
  size: number;
  run: LayerRunner;
  /** Stops every worker at once; layers in flight reject. */
  terminate(): void;
}

/** What a worker does with a request: one layer, or the reason it failed. */
export function answerLayerRequest({ view, job }: LayerRequest): LayerReply {
  try {
    return { result: analyseLayer(view, job) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** All workers start at once (they boot while the trace is read); each takes one layer at a time. */
export function createLayerPool(size: number, spawn: () => PoolWorker): LayerPool {
  const all = Array.from({ length: size }, spawn);
  const idle = [...all];
  const pending = new Set<(error: Error) => void>();
  let stopped = false;

  const take = (): PoolWorker => {
    const worker = idle.pop();
    if (!worker) throw new Error('layer pool: more layers in flight than workers');
    return worker;
  };

  const run: LayerRunner = (view, job) =>
    new Promise<LayerResult>((resolve, reject) => {
      if (stopped) return reject(new Error('layer pool: stopped'));
      const worker = take();
      const fail = (error: Error) => {
        pending.delete(fail);
        reject(error);
      };
      pending.add(fail);
      worker.listen(
        (reply) => {
          pending.delete(fail);
          idle.push(worker);
          if ('error' in reply) reject(new Error(`layer ${job.layer}: ${reply.error}`));
          else resolve(reply.result);
        },
        (message) => fail(new Error(`layer ${job.layer}: the worker failed: ${message}`)),
      );
      worker.post({ view, job });
    });

  return {
    size,
    run,
    terminate() {
      stopped = true;
      for (const worker of all) worker.terminate();
      for (const fail of [...pending]) fail(new DOMException('The trace analysis was cancelled', 'AbortError'));
    },
  };
}
