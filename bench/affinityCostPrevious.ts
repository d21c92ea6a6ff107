// The cost model main had before issue 18's re-fit (commit 16f5ba2, src/shared/affinityCost.ts), kept
// only so bench/affinityCost.ts can print its estimate beside the current one in the same run: every
// stage counted in optimiser steps of the run (a per-sample gradient 0.25 of a step on wasm, the
// projection 0.12 and the fits 1.2 steps per million multiply-adds, a full-batch step 0.8 + 0.2 ×
// rows / batch steps). Not used by the lab.
import type { AffinityWork, SplitSize, TrainingSize } from '../src/shared/affinityCost.ts';

const SAMPLE_GRADIENT_PER_STEP: Record<string, number> = { wasm: 0.25, cpu: 0.5 };
const PROJECTION_STEPS_PER_MMAC: Record<string, number> = { wasm: 0.12, cpu: 2 };
const FIT_STEPS_PER_MMAC: Record<string, number> = { wasm: 1.2, cpu: 0.6 };
const ROW_SHARE_OF_STEP = 0.2;
const stepsFor = (rows: number, batch: number) => 1 - ROW_SHARE_OF_STEP + (ROW_SHARE_OF_STEP * rows) / batch;

/** The previous model's seconds for `work` (sum of its three stages). */
export function previousSeconds(
  work: AffinityWork,
  secondsPerStep: number,
  spec: TrainingSize,
  split: SplitSize,
  backend: 'wasm' | 'cpu',
): number {
  const batch = Math.max(1, Math.min(spec.training.batchSize, split.train));
  const meta = spec.training.steps * secondsPerStep;
  if (work.sampleGradients > 0) {
    const gradients =
      work.sampleGradients * SAMPLE_GRADIENT_PER_STEP[backend] +
      (work.projectionMultiplyAdds / 1e6) * PROJECTION_STEPS_PER_MMAC[backend];
    const fits = (work.fitMultiplyAdds / 1e6) * FIT_STEPS_PER_MMAC[backend];
    return meta + (gradients + fits) * secondsPerStep;
  }
  const fineTuneSteps = work.steps - spec.training.steps;
  const validation = work.validationPasses * (1 / 3) * stepsFor(split.validation, batch);
  return meta + (fineTuneSteps * stepsFor(split.train, batch) + validation) * secondsPerStep;
}
