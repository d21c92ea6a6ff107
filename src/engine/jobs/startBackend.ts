// Every computing job starts its backend the same way: sized by its data (WebGPU is skipped, with
// the reason, when the data exceeds a buffer), then tells the page which backend it got.
import type { ExperimentSpec } from '../../protocol/index.ts';
import type { JobKind } from '../../protocol/jobs.ts';
import { initBackend } from '../backend.ts';
import type { Dataset } from '../data/dataset.ts';
import { largestDataBytes } from '../webgpuDevice.ts';
import type { JobContext } from './context.ts';

export async function startJobBackend(
  spec: ExperimentSpec,
  dataset: Dataset,
  context: Pick<JobContext<JobKind>, 'backend' | 'wasmPaths'>,
): Promise<void> {
  const needs = { largestBufferBytes: largestDataBytes(dataset) };
  // Not inside `context.backend?.(…)`: an optional call skips its arguments, and the backend must start.
  const backend = await initBackend(spec.backend, { wasmPaths: context.wasmPaths }, needs);
  context.backend?.(backend);
}
