// Chooses the tfjs backend: webgpu → webgl → wasm → cpu, or a forced one first. tf.setBackend
// throws for an unregistered backend and resolves false when initialisation fails; both fall
// through to the next candidate with the reason recorded.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { BACKENDS, type AdapterInfo, type BackendChoice, type BackendName, type BackendReport } from '../protocol.ts';

export interface BackendOptions {
  /** Where the wasm binaries live: a folder prefix or a map of file name → URL. Never a CDN. */
  wasmPaths?: Parameters<typeof setWasmPaths>[0];
}

/** The subset of the WebGPU API we read; typed here so the engine needs no DOM typings. */
interface GpuAdapterLike {
  info?: { vendor?: string; architecture?: string; description?: string; device?: string; isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean;
}
interface GpuLike {
  requestAdapter(options?: object): Promise<GpuAdapterLike | null>;
}

const SOFTWARE_ADAPTER = /swiftshader|llvmpipe|software|lavapipe|warp/i;

export function candidateOrder(choice: BackendChoice): BackendName[] {
  if (choice === 'auto') return [...BACKENDS];
  return [choice, ...BACKENDS.filter((b) => b !== choice)];
}

export async function describeWebGpuAdapter(): Promise<AdapterInfo | string> {
  const gpu = (globalThis as { navigator?: { gpu?: GpuLike } }).navigator?.gpu;
  if (!gpu) return 'this environment has no WebGPU (navigator.gpu is missing)';
  const adapter = await gpu.requestAdapter().catch(() => null);
  if (!adapter) return 'navigator.gpu.requestAdapter() returned no adapter';
  const info = adapter.info ?? {};
  const vendor = info.vendor || 'unknown vendor';
  const architecture = info.architecture || 'unknown architecture';
  const description = info.description || info.device || '';
  const isSoftware =
    Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter) || SOFTWARE_ADAPTER.test(`${vendor} ${architecture} ${description}`);
  return { vendor, architecture, description, isSoftware };
}

async function tryBackend(name: BackendName): Promise<string | null> {
  try {
    const ok = await tf.setBackend(name);
    if (!ok) return `${name} failed to initialise`;
    await tf.ready();
    return null;
  } catch (error) {
    return `${name}: ${error instanceof Error ? error.message : String(error)}`;
  }
}

export async function initBackend(choice: BackendChoice, options: BackendOptions = {}): Promise<BackendReport> {
  if (options.wasmPaths) setWasmPaths(options.wasmPaths);
  const fallbacks: BackendReport['fallbacks'] = [];
  for (const name of candidateOrder(choice)) {
    let adapter: AdapterInfo | undefined;
    if (name === 'webgpu') {
      const described = await describeWebGpuAdapter();
      if (typeof described === 'string') {
        fallbacks.push({ backend: name, reason: described });
        continue;
      }
      adapter = described;
    }
    if (name === 'webgl' && typeof (globalThis as { OffscreenCanvas?: unknown }).OffscreenCanvas === 'undefined' && typeof (globalThis as { document?: unknown }).document === 'undefined') {
      fallbacks.push({ backend: name, reason: 'this environment has no canvas for WebGL' });
      continue;
    }
    const failure = await tryBackend(name);
    if (failure) {
      fallbacks.push({ backend: name, reason: failure });
      continue;
    }
    return { backend: name, adapter, fallbacks };
  }
  throw new Error(`No tfjs backend could start: ${fallbacks.map((f) => f.reason).join('; ')}`);
}
