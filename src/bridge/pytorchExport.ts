// "Export to PyTorch": the experiment (its table resolved as for a run) zipped by a job worker.
import type { ExperimentSpec } from '../protocol/index.ts';
import { useLab } from '../store/index.ts';
import { createTableFiles } from '../store/tableFiles.ts';
import { runJob } from './jobBridge.ts';
import { resolveRunData } from './resolveRunData.ts';

export async function exportPytorchProject(spec: ExperimentSpec): Promise<{ fileName: string; zip: Uint8Array }> {
  const data = await resolveRunData(spec, useLab.getState().notebook, createTableFiles());
  if (!data.ok) throw new Error(data.error);
  return runJob('exportProject', { spec: data.spec, tables: data.tables });
}
