// "Export to PyTorch": the experiment (its table resolved as for a run) zipped by a job worker, through
// the job runtime (key `jobKeys.pytorchExport(cellId)`): reading a big table and zipping take seconds,
// so the cell shows the job's progress and Cancel, which terminates the worker.
import type { ExperimentSpec } from '../protocol/index.ts';
import { useLab } from '../store/index.ts';
import { jobKeys } from '../store/jobKeys.ts';
import { createTableFiles } from '../store/tableFiles.ts';
import { cancelJob, startJob } from './jobRuntime.ts';
import { resolveRunData } from './resolveRunData.ts';

/**
 * The zip, or undefined when the job failed (its record says why) or was cancelled. Throws when the
 * experiment's data cannot be found (before any job starts).
 */
export async function exportPytorchProject(
  cellId: string,
  spec: ExperimentSpec,
): Promise<{ fileName: string; zip: Uint8Array } | undefined> {
  const data = await resolveRunData(spec, useLab.getState().notebook, createTableFiles());
  if (!data.ok) throw new Error(data.error);
  return startJob(jobKeys.pytorchExport(cellId), 'exportProject', {
    input: { spec: data.spec, tables: data.tables },
    live: undefined,
    subject: spec.name,
    // The zip is downloaded, not kept in the store for the session.
    resultToCallerOnly: true,
    forgetWhenCancelled: true,
    failure: (message) => `Export to PyTorch of "${spec.name}" failed: ${message}`,
  });
}

export const cancelPytorchExport = (cellId: string) => cancelJob(jobKeys.pytorchExport(cellId));
