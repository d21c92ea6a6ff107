// The worker-side handlers of the job kinds declared in src/protocol/jobs.ts, one file per kind.
import type { JobInputs, JobKind, JobResults } from '../../protocol/jobs.ts';
import { analyseTraceJob } from './analyseTrace.ts';
import { benchmarkJob } from './benchmark.ts';
import { groupJob } from './group.ts';
import { branchJob } from './branch.ts';
import { compareSetupsJob } from './compareSetups.ts';
import { parseTableJob } from './parseTable.ts';
import { affinityJob } from './affinity.ts';
import { knockoutJob } from './knockout.ts';
import { unlearnJob } from './unlearn.ts';
import { exportProjectJob } from './exportProject.ts';
import { explainDeviceLoss } from '../webgpuDevice.ts';
import type { JobContext } from './context.ts';

export type { JobContext };

type JobHandlers = { [K in JobKind]: (input: JobInputs[K], context: JobContext<K>) => Promise<JobResults[K]> };

export const JOB_HANDLERS: JobHandlers = {
  group: groupJob,
  branch: branchJob,
  'compare-setups': compareSetupsJob,
  analyseTrace: analyseTraceJob,
  parseTable: parseTableJob,
  affinity: affinityJob,
  benchmark: benchmarkJob,
  unlearn: unlearnJob,
  knockout: knockoutJob,
  exportProject: exportProjectJob,
};

export async function runJob<K extends JobKind>(
  kind: K,
  input: JobInputs[K],
  context: JobContext<K>,
): Promise<JobResults[K]> {
  const handler = JOB_HANDLERS[kind] as (input: JobInputs[K], context: JobContext<K>) => Promise<JobResults[K]>;
  if (!handler) throw new Error(`unknown job kind "${String(kind)}"`);
  try {
    return await handler(input, context);
  } catch (error) {
    throw await explainDeviceLoss(error, 'job');
  }
}
