// A heatmap's task order: the 'group' job (spectral, k chosen automatically) on a similarity matrix,
// through the job runtime, keyed by the view (`jobKeys.clusterOrder(viewId)`), so a newer matrix's job
// replaces an older one still running and a view that goes away stops its worker. The job takes well
// under a second, so it shows no progress; the view keeps its previous order until the answer comes.
import type { GroupJobResult } from '../protocol/jobs.ts';
import { jobKeys } from '../store/jobKeys.ts';
import { forgetJob, startJob } from './jobRuntime.ts';

/** The groups, or undefined when the job failed (its record holds why), was cancelled or was replaced. */
export function clusterTasks(viewId: string, similarity: number[][]): Promise<GroupJobResult | undefined> {
  return startJob(jobKeys.clusterOrder(viewId), 'group', {
    input: { matrix: similarity, k: 'auto', method: 'spectral', seed: 1 },
    live: undefined,
    resultToCallerOnly: true,
    forgetWhenCancelled: true,
  });
}

/** Stops the view's job, if any, and drops its record. */
export const forgetClusterOrder = (viewId: string) => forgetJob(jobKeys.clusterOrder(viewId));
