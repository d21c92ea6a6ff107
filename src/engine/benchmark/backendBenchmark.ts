// The automatic backend choice's measurement: a few warm training steps of a small multitask model
// on each backend in turn, timed after warm-up (the first steps compile shaders / instantiate wasm).
import * as tf from '@tensorflow/tfjs';
import { chooseFastestBackend, type BackendTiming, type BenchmarkResult } from '../../backendChoice.ts';
import { BACKENDS, ExperimentSpec, type BackendName } from '../../protocol.ts';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { describeWebGpuAdapter, selectFirstWorking, type BackendOptions } from '../backend.ts';
import { makeDataset } from '../data/index.ts';
import { createModel } from '../models/index.ts';
import { createBatchSampler, gatherBatch, toDevice } from '../train/batches.ts';
import { createTrainer } from '../train/trainer.ts';
import { createRng, deriveSeed } from '../util/random.ts';

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
export async function timeTrainingSteps(warmupSteps: number, timedSteps: number): Promise<{ msPerStep: number; warmupMs: number }> {
  const spec = BENCH_SPEC;
  const data = makeDataset(spec.dataset, spec.seed);
  const model = createModel(spec.model, data, createRng(deriveSeed(spec.seed, 'model/init')));
  const trainer = createTrainer(model, spec.training);
  const device = toDevice(data);
  const nextBatch = createBatchSampler(device.size, spec.training.batchSize, createRng(deriveSeed(spec.seed, 'batches')));
  const steps = async (count: number) => {
    let last: tf.Tensor1D | undefined;
    for (let i = 0; i < count; i++) {
      const batch = gatherBatch(device, nextBatch());
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
    trainer.dispose();
    device.dispose();
    model.dispose();
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
  let deferredSoftware = false;
  for (const backend of options.backends ?? BACKENDS) {
    // A software WebGPU adapter spends tens of seconds compiling shaders and is never faster than
    // wasm: it is measured only if nothing else works (the chooser would not pick it anyway).
    const adapter = backend === 'webgpu' ? await describeWebGpuAdapter() : undefined;
    if (typeof adapter === 'object' && adapter.isSoftware) {
      deferredSoftware = true;
      continue;
    }
    const timing = await measure(backend);
    timings.push(timing);
    options.onTiming?.(timing);
  }
  if (deferredSoftware) {
    const working = timings.some((t) => t.error === undefined);
    const timing: BackendTiming = working
      ? { backend: 'webgpu', isSoftware: true, error: 'software adapter: not measured (far slower than the other backends)' }
      : await measure('webgpu');
    timings.push(timing);
    options.onTiming?.(timing);
  }
  return { timings, chosen: chooseFastestBackend(timings), seconds: (performance.now() - started) / 1000 };
}
