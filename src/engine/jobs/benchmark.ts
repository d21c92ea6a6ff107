import type { JobInputs, JobResults } from '../../protocol/jobs.ts';
import { benchmarkBackends } from '../benchmark/backendBenchmark.ts';
import type { JobContext } from './context.ts';

export function benchmarkJob(
  input: JobInputs['benchmark'],
  context: JobContext<'benchmark'>,
): Promise<JobResults['benchmark']> {
  return benchmarkBackends({ ...input, wasmPaths: context.wasmPaths, onTiming: context.progress });
}
