/// <reference lib="webworker" />
// A worker of the trace-layer pool (workers/layerPool.ts): computes one layer of a routing report per request.
import { answerLayerRequest, type LayerRequest } from '../src/engine/routing/layerPool.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.onmessage = ({ data }: MessageEvent<LayerRequest>) => scope.postMessage(answerLayerRequest(data));
