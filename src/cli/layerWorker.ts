// worker_threads entry of the CLI's trace-layer pool: one layer per request (engine/routing/layerPool.ts).
import { parentPort } from 'node:worker_threads';
import { answerLayerRequest, type LayerRequest } from '../engine/routing/layerPool.ts';

parentPort!.on('message', (request: LayerRequest) => parentPort!.postMessage(answerLayerRequest(request)));
