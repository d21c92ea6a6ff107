// The automatic backend choice's measurement: a few warm training steps of a small multitask model
// on each backend in turn, timed after warm-up (the first steps compile shaders / instantiate wasm).
import * as tf from '@tensorflow/tfjs';
import { chooseFastestBackend, type BackendTiming, type BenchmarkResult } from '../../shared/backendChoice.ts';
import { BACKENDS, ExperimentSpec, type BackendName } from '../../protocol/index.ts';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { describeWebGpuAdapter, selectFirstWorking, SOFTWARE_ADAPTER, type BackendOptions } from '../backend.ts';
import { gatherBatch } from '../train/batches.ts';
import { prepareRun } from '../train/prepareRun.ts';

export interface BenchmarkOptions extends BackendOptions {
  backends?: readonly BackendName[];
  warmupSteps?: number;
  timedSteps?: number;
  /** Called after each backend, for a live table. */
  onTiming?(timing: BackendTiming): void;
}

/** Small enough to measure in well under a second per backend, big enough that kernels dominate. */
const BENCH_SPEC = ExperimentSpec.parse({
  seed: 7,
  dataset: { kind: 'planted', numTasks: 8, numGroups: 2, inputDim: 16, numSamples: 512 },
  model: { kind: 'shared-bottom', hidden: [64, 64] },
  training: { batchSize: 64, learningRate: 0.005 },
});

/** Times `timedSteps` steps after `warmupSteps`, on whatever backend is active. */
export async function timeTrainingSteps(
  warmupSteps: number,
  timedSteps: number,
): Promise<{ msPerStep: number; warmupMs: number }> {
  const prepared = prepareRun(BENCH_SPEC);
  const { trainer, trainData, nextBatch } = prepared;
  const steps = async (count: number) => {
    let last: tf.Tensor1D | undefined;
    for (let i = 0; i < count; i++) {
      const batch = gatherBatch(trainData, nextBatch());
      last?.dispose();
      last = trainer.step(batch);
      tf.dispose(Object.values(batch));
    }
    // Reading the last loss waits for the device queue to drain, so the time covers all the work.
    if (last) await last.data();
    last?.dispose();
  };
  try {
    const start = performance.now();
    await steps(warmupSteps);
    const warm = performance.now();
    await steps(timedSteps);
    return { msPerStep: (performance.now() - warm) / timedSteps, warmupMs: warm - start };
  } finally {
    prepared.dispose();
  }
}

/**
 * The WebGL renderer's name when it is a software rasteriser (SwiftShader, llvmpipe…), else
 * undefined (hardware, no WebGL, or no OffscreenCanvas as in Node). Read through
 * WEBGL_debug_renderer_info on a throwaway OffscreenCanvas context.
 */
export function softwareWebGlRenderer(): string | undefined {
  const Canvas = (
    globalThis as { OffscreenCanvas?: new (w: number, h: number) => { getContext(kind: string): unknown } }
  ).OffscreenCanvas;
  if (!Canvas) return undefined;
  try {
    const gl = new Canvas(1, 1).getContext('webgl2') as WebGL2RenderingContext | null;
    if (!gl) return undefined;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return SOFTWARE_ADAPTER.test(renderer) ? renderer : undefined;
  } catch {
    return undefined;
  }
}

export async function benchmarkBackends(options: BenchmarkOptions = {}): Promise<BenchmarkResult> {
  const started = performance.now();
  if (options.wasmPaths) setWasmPaths(options.wasmPaths);
  const timings: BackendTiming[] = [];
  const measure = async (backend: BackendName): Promise<BackendTiming> => {
    try {
      const selected = await selectFirstWorking([backend]);
      const measured = await timeTrainingSteps(options.warmupSteps ?? 3, options.timedSteps ?? 10);
      return { backend, ...measured, isSoftware: selected.adapter?.isSoftware };
    } catch (error) {
      return { backend, error: error instanceof Error ? error.message : String(error) };
    }
  };
  // Software renderers (a SwiftShader/llvmpipe WebGPU adapter or WebGL context) spend seconds
  // compiling shaders and are far slower than wasm: they are measured only if nothing else works
  // (the chooser would not pick them anyway), which keeps the benchmark short.
  const deferred: { backend: BackendName; why: string }[] = [];
  for (const backend of options.backends ?? BACKENDS) {
    const adapter = backend === 'webgpu' ? await describeWebGpuAdapter() : undefined;
    const softwareGl = backend === 'webgl' ? softwareWebGlRenderer() : undefined;
    if ((typeof adapter === 'object' && adapter.isSoftware) || softwareGl) {
      deferred.push({ backend, why: softwareGl ? `software renderer (${softwareGl})` : 'software adapter' });
      continue;
    }
    const timing = await measure(backend);
    timings.push(timing);
    options.onTiming?.(timing);
  }
  for (const { backend, why } of deferred) {
    const working = timings.some((t) => t.error === undefined);
    const timing: BackendTiming = working
      ? { backend, isSoftware: true, error: `${why}: not measured (far slower than the other backends)` }
      : await measure(backend);
    timings.push(timing);
    options.onTiming?.(timing);
  }
  return { timings, chosen: chooseFastestBackend(timings), seconds: (performance.now() - started) / 1000 };
}
