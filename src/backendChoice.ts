// Automatic backend choice: the fastest backend of a short warm benchmark, remembered. Pure data
// and a pure chooser here; the benchmark itself runs in a job worker (src/engine/jobs/benchmark.ts).
import type { BackendName } from './protocol.ts';

/** One backend's benchmark figure: mean milliseconds per training step after warm-up, or why none. */
export interface BackendTiming {
  backend: BackendName;
  msPerStep?: number;
  /** Milliseconds spent on initialisation and warm-up (shader compilation, wasm instantiation). */
  warmupMs?: number;
  /** A software WebGPU adapter (SwiftShader, llvmpipe…): correct but usually slow. */
  isSoftware?: boolean;
  /** Why the backend could not be measured (unavailable, failed to start). */
  error?: string;
}

export interface BenchmarkResult {
  timings: BackendTiming[];
  /** The chooser's pick; undefined when no backend could be measured. */
  chosen?: BackendName;
  /** Wall-clock seconds the whole benchmark took. */
  seconds: number;
}

/**
 * The fastest measured backend. A software adapter must be strictly faster than every hardware or
 * CPU-side backend to be picked, so a tie or a near-tie never lands a class on SwiftShader.
 */
export function chooseFastestBackend(timings: readonly BackendTiming[]): BackendName | undefined {
  const measured = timings.filter((t): t is BackendTiming & { msPerStep: number } => t.error === undefined && Number.isFinite(t.msPerStep));
  const hardware = measured.filter((t) => !t.isSoftware);
  const fastest = (list: typeof measured) => list.reduce<(typeof measured)[number] | undefined>((best, t) => (!best || t.msPerStep < best.msPerStep ? t : best), undefined);
  const bestHardware = fastest(hardware);
  const bestSoftware = fastest(measured.filter((t) => t.isSoftware));
  if (!bestHardware) return bestSoftware?.backend;
  if (bestSoftware && bestSoftware.msPerStep < bestHardware.msPerStep) return bestSoftware.backend;
  return bestHardware.backend;
}
