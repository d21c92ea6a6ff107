// WebGPU has no synchronous read-back. tfjs's `dataSync()` on its webgpu backend goes through an
// OffscreenCanvas instead; in a worker (measured in headless Chromium with SwiftShader) that returns
// wrong values and afterwards every `mapAsync` fails with "A valid external Instance reference no
// longer exists". So the engine reads WebGPU tensors only asynchronously: the run loop and every
// job answer a routed model's host reads in advance (hostReads.ts `readsOf`, `runAnswered`), and any
// synchronous read left fails loudly instead of training on garbage.
import * as tf from '@tensorflow/tfjs';

export const SYNC_READ_MESSAGE =
  'A synchronous read from the GPU was attempted on WebGPU, which cannot do it correctly; this job should run on wasm. Please report it.';

/** Makes the active webgpu backend throw on synchronous reads of data still on the GPU. */
export function forbidSyncReads(): void {
  if (tf.getBackend() !== 'webgpu') return;
  const backend = tf.backend() as unknown as {
    readSync(dataId: object): unknown;
    tensorMap: { get(dataId: object): { values?: unknown } };
  };
  if ((backend as { syncReadsForbidden?: boolean }).syncReadsForbidden) return;
  const readSync = backend.readSync.bind(backend);
  backend.readSync = (dataId) => {
    // Values already on the CPU (uploaded, or read before) are safe to return.
    if (backend.tensorMap.get(dataId)?.values != null) return readSync(dataId);
    throw new Error(SYNC_READ_MESSAGE);
  };
  (backend as { syncReadsForbidden?: boolean }).syncReadsForbidden = true;
}
