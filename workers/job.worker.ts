/// <reference lib="webworker" />
// One job per worker (grouping, branching search, trace analysis, file parsing…): receive its
// input, run the engine's handler, post progress and the result back.
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { FromJobWorker, ToJobWorker } from '../src/protocol/jobs.ts';
import { runJob } from '../src/engine/jobs/index.ts';
import { loadCorpusTexts } from './corpus.ts';
import { webLayerPool } from './layerPool.ts';
import multitask from '../python/train_multitask.py?raw';
import gnn from '../python/train_gnn.py?raw';
import moeLm from '../python/train_moe_lm.py?raw';
import trace from '../python/tasklab_trace.py?raw';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: FromJobWorker) => scope.postMessage(message);
const wasmPaths = {
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
};

scope.onmessage = async ({ data }: MessageEvent<ToJobWorker>) => {
  try {
    const result = await runJob(data.kind, data.input as never, {
      signal: new AbortController().signal,
      progress: (progress) => post({ type: 'progress', progress }),
      backend: (backend) => post({ type: 'backend', backend }),
      wasmPaths,
      startLayerPool: webLayerPool,
      // public/corpus sits beside the built assets folder, as for the training worker.
      loadTexts: (spec) => loadCorpusTexts(spec, new URL('../corpus/', scope.location.href).href),
      pythonTemplates: { multitask, gnn, moeLm, trace },
    });
    post({ type: 'result', result });
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
