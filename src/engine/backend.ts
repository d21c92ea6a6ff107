// Chooses the tfjs backend: webgpu → webgl → wasm → cpu, or a forced one first. tf.setBackend
// throws for an unregistered backend and resolves false when initialisation fails; both fall
// through to the next candidate with the reason recorded.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import {
  BACKENDS,
  type AdapterInfo,
  type BackendChoice,
  type BackendName,
  type BackendReport,
} from '../protocol/index.ts';
import { bufferLimitObstacle, type GpuBufferLimits } from './webgpuDevice.ts';
import { forbidSyncReads } from './webgpuReads.ts';

export interface BackendOptions {
  /** Where the wasm binaries live: a folder prefix or a map of file name → URL. Never a CDN. */
  wasmPaths?: Parameters<typeof setWasmPaths>[0];
}

/** The subset of the WebGPU API we read; typed here so the engine needs no DOM typings. */
interface GpuAdapterLike {
  limits?: GpuBufferLimits;
  info?: { vendor?: string; architecture?: string; description?: string; device?: string; isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean;
}
interface GpuLike {
  requestAdapter(options?: object): Promise<GpuAdapterLike | null>;
}

export const SOFTWARE_ADAPTER = /swiftshader|llvmpipe|software|lavapipe|warp/i;

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
    Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter) ||
    SOFTWARE_ADAPTER.test(`${vendor} ${architecture} ${description}`);
  return { vendor, architecture, description, isSoftware };
}

/** null when `name` is now the active backend, else why not. */
async function tryBackend(name: string): Promise<string | null> {
  try {
    // setBackend throws for a name that was never registered and resolves false when init fails.
    if (!(await tf.setBackend(name))) return 'failed to initialise';
    await tf.ready();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Why `name` cannot even be tried in this environment, or null when it may be. */
async function precheck(name: string): Promise<{ skip: string } | { adapter?: AdapterInfo }> {
  if (name === 'webgpu') {
    const described = await describeWebGpuAdapter();
    return typeof described === 'string' ? { skip: described } : { adapter: described };
  }
  const scope = globalThis as { OffscreenCanvas?: unknown; document?: unknown };
  if (name === 'webgl' && scope.OffscreenCanvas === undefined && scope.document === undefined) {
    return { skip: 'this environment has no canvas for WebGL' };
  }
  return {};
}

/**
 * Tries each candidate in turn; exported with a free candidate list for tests. `unsuitable` names
 * backends this job must not use, with the reason reported as their fallback.
 */
export async function selectFirstWorking(
  candidates: string[],
  unsuitable: Record<string, string> = {},
): Promise<{ backend: string; adapter?: AdapterInfo; fallbacks: { backend: string; reason: string }[] }> {
  const fallbacks: { backend: string; reason: string }[] = [];
  for (const name of candidates) {
    const check = unsuitable[name] ? { skip: unsuitable[name] } : await precheck(name);
    if ('skip' in check) {
      fallbacks.push({ backend: name, reason: check.skip });
      continue;
    }
    const failure = await tryBackend(name);
    if (failure) {
      fallbacks.push({ backend: name, reason: failure });
      continue;
    }
    forbidSyncReads();
    return { backend: name, adapter: check.adapter, fallbacks };
  }
  throw new Error(`No tfjs backend could start: ${fallbacks.map((f) => `${f.backend}: ${f.reason}`).join('; ')}`);
}

/**
 * tfjs-wasm runs threads only where SharedArrayBuffer exists, i.e. in a cross-origin isolated page (COOP +
 * COEP, from the server or the service worker); elsewhere it falls back to one thread. tfjs itself caps the
 * count at half the logical cores (it assumes two hyper-threads per core) and 8, so 2 logical cores give 1.
 */
function crossOriginIsolated(): boolean {
  return (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
}

/**
 * What a job needs of its backend: the largest buffer its data fills. (Every model kind trains on
 * WebGPU: routed models' host reads are answered in advance by the run loop and by every job.)
 */
export interface JobNeeds {
  largestBufferBytes?: number;
}

/** Why WebGPU cannot run this job (data over a buffer limit), or null. */
async function webGpuUnfit(needs: JobNeeds): Promise<string | null> {
  if (!needs.largestBufferBytes) return null;
  const gpu = (globalThis as { navigator?: { gpu?: GpuLike } }).navigator?.gpu;
  const adapter = await gpu?.requestAdapter().catch(() => null);
  return adapter?.limits ? bufferLimitObstacle(needs.largestBufferBytes, adapter.limits) : null;
}

/** Starts the backend for a job; WebGPU is skipped, with the reason, for a job it cannot run. */
export async function initBackend(
  choice: BackendChoice,
  options: BackendOptions = {},
  needs: JobNeeds = {},
): Promise<BackendReport> {
  if (options.wasmPaths) setWasmPaths(options.wasmPaths);
  const isolated = crossOriginIsolated();
  if (isolated) setThreadsCount(navigator.hardwareConcurrency || 1);
  const unfit = choice === 'auto' || choice === 'webgpu' ? await webGpuUnfit(needs) : null;
  // wasm is the tested stand-in for WebGPU: exact kernels, and no shader compiles to fail.
  const report = (
    unfit
      ? await selectFirstWorking(['webgpu', ...candidateOrder('wasm')], { webgpu: unfit })
      : await selectFirstWorking(candidateOrder(choice))
  ) as BackendReport;
  if (report.backend === 'wasm') report.wasmThreads = { count: getThreadsCount(), isolated };
  return report;
}
