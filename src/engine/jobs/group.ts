import type { JobInputs, JobResults } from '../../protocol/jobs.ts';
import { chooseGroupCount, groupTasks, parseAffinityMatrix } from '../grouping/index.ts';

export async function groupJob(input: JobInputs['group']): Promise<JobResults['group']> {
  const matrix = parseAffinityMatrix(input.matrix);
  if (input.k === 'auto') {
    const choice = chooseGroupCount(matrix, { method: input.method, seed: input.seed });
    const { assignment, groups, objective, seconds } = choice.result;
    return { assignment, groups, objective, seconds, explanation: choice.explanation };
  }
  const { assignment, groups, objective, seconds } = groupTasks(matrix, input.k, {
    method: input.method,
    seed: input.seed,
  });
  return { assignment, groups, objective, seconds };
}
