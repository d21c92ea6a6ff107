// "Categories from SDP groups" on a HoME cell: groups the tasks by the newest measured affinity matrix
// of this notebook's runs on the same data (the 'group' job, SDP, into `k` groups) and
// writes the groups into the hierarchy mask's meta-categories (the mask is switched on). The job runs
// through the job runtime (key `jobKeys.homeCategories(cellId)`), so the cell shows it running with Cancel.
import type { ExperimentSpec } from '../protocol/index.ts';
import { affinityForCell } from '../store/affinitySource.ts';
import { useLab } from '../store/index.ts';
import { jobKeys } from '../store/jobKeys.ts';
import { cancelJob, startJob } from './jobRuntime.ts';

/**
 * Resolves with a sentence saying what was set, or undefined when the job failed (its record says why) or
 * was cancelled; throws a sentence saying why it cannot start.
 */
export async function categoriesFromSdpGroups(
  cellId: string,
  spec: ExperimentSpec,
  k: number,
): Promise<string | undefined> {
  if (spec.model.kind !== 'home') throw new Error('Only a HoME model has meta-categories.');
  const { runs, notebookId } = useLab.getState();
  const source = affinityForCell(runs, cellId, spec, notebookId);
  if (!source)
    throw new Error(
      'No task affinity measured on this data yet: tick "Measure task affinity" and run this cell (or another on the same data) once.',
    );
  if (!Number.isInteger(k) || k < 1 || k > source.matrix.length)
    throw new Error(
      `The number of categories must be a whole number from 1 to ${source.matrix.length} (the tasks), not ${k}.`,
    );
  const result = await startJob(jobKeys.homeCategories(cellId), 'group', {
    input: { matrix: source.matrix, k, method: 'sdp', seed: 1 },
    live: undefined,
    subject: source.runName,
    resultToCallerOnly: true,
    forgetWhenCancelled: true,
    failure: (message) =>
      `Grouping the tasks by "${source.runName}"'s ${source.method} affinity into ${k} groups failed: ${message}`,
  });
  if (!result) return undefined;
  const cell = useLab.getState().notebook.cells.find((c) => c.id === cellId);
  if (cell?.kind !== 'experiment' || cell.spec.model.kind !== 'home')
    throw new Error('The cell is no longer a HoME experiment.');
  useLab.getState().patchCell(cellId, {
    spec: { ...cell.spec, model: { ...cell.spec.model, hierarchyMask: true, categories: result.assignment } },
  });
  const groups = result.groups.map((g) => `{${g.map((t) => source.taskNames[t]).join(', ')}}`).join(', ');
  return `${result.groups.length} ${result.groups.length === 1 ? 'category' : 'categories'} from the SDP groups of "${source.runName}"'s ${source.method} affinity: ${groups}.`;
}

export const cancelHomeCategories = (cellId: string) => cancelJob(jobKeys.homeCategories(cellId));
