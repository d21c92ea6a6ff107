/// <reference lib="webworker" />
// One training run per worker: receive a spec, run the engine, post its events back.
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { transferablesOf, type FromWorker, type ToWorker } from '../src/protocol/index.ts';
import { runExperiment } from '../src/engine/run.ts';
import { parseTableFile } from '../src/engine/data/table/parseFile.ts';
import type { Table } from '../src/engine/data/table/table.ts';
import { loadCorpusTexts } from './corpus.ts';
import { createPauseGate } from './pauseGate.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (event: FromWorker) => scope.postMessage(event, transferablesOf(event));

const stop = new AbortController();
const gate = createPauseGate();
let started = false;

scope.onmessage = async ({ data }: MessageEvent<ToWorker>) => {
  switch (data.type) {
    case 'pause':
      gate.pause();
      post({ type: 'status', state: 'paused' });
      return;
    case 'resume':
      gate.resume();
      post({ type: 'status', state: 'running' });
      return;
    case 'stop':
      stop.abort();
      gate.resume();
      return;
    case 'start':
      if (started) return post({ type: 'error', message: 'This worker already ran an experiment; start a new one.' });
      started = true;
      try {
        const tables = await parseTables(data.tables);
        if (!tables) return;
        await runExperiment(data.spec, {
          tables,
          texts: await loadCorpusTexts(data.spec, data.corpusUrl ?? new URL('../corpus/', scope.location.href).href),
          emit: post,
          signal: stop.signal,
          untilResumed: gate.untilResumed,
          backend: {
            wasmPaths: {
              'tfjs-backend-wasm.wasm': wasmPlain,
              'tfjs-backend-wasm-simd.wasm': wasmSimd,
              'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
            },
          },
        });
      } catch (error) {
        post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
      } finally {
        // Tear down (GPU device included) on this thread: a terminate() from the page would do it there.
        scope.close();
      }
  }
};

/** Parses the table files a start message carries; on a bad one posts its message and returns undefined. */
async function parseTables(files: Record<string, { fileName: string; bytes: ArrayBuffer }> = {}) {
  const tables: Record<string, Table> = {};
  for (const [name, file] of Object.entries(files)) {
    const result = await parseTableFile(file.fileName, file.bytes);
    if (!result.ok) {
      post({ type: 'error', message: `dataset "${name}": ${result.error}` });
      return undefined;
    }
    tables[name] = result.table;
  }
  return tables;
}
