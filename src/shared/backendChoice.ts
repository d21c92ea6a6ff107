// Automatic backend choice: the fastest backend of a short warm benchmark, remembered. Pure data
// and a pure chooser here; the benchmark itself runs in a job worker (src/engine/jobs/benchmark.ts).
import type { BackendName, BackendTiming } from '../protocol/index.ts';

export type { BackendTiming, BenchmarkResult } from '../protocol/index.ts';

/**
 * The fastest measured backend. A software adapter must be strictly faster than every hardware or
 * CPU-side backend to be picked, so a tie or a near-tie never lands a class on SwiftShader.
 */
export function chooseFastestBackend(timings: readonly BackendTiming[]): BackendName | undefined {
  const measured = timings.filter(
    (t): t is BackendTiming & { msPerStep: number } => t.error === undefined && Number.isFinite(t.msPerStep),
  );
  const hardware = measured.filter((t) => !t.isSoftware);
  const fastest = (list: typeof measured) =>
    list.reduce<(typeof measured)[number] | undefined>(
      (best, t) => (!best || t.msPerStep < best.msPerStep ? t : best),
      undefined,
    );
  const bestHardware = fastest(hardware);
  const bestSoftware = fastest(measured.filter((t) => t.isSoftware));
  if (!bestHardware) return bestSoftware?.backend;
  if (bestSoftware && bestSoftware.msPerStep < bestHardware.msPerStep) return bestSoftware.backend;
  return bestHardware.backend;
}
