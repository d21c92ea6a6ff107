// Scores of trivial predictors on a CLRS-lite dataset, in the model's score units: the bar a GNN
// must clear before it has learned anything about the algorithm.
import { graphTasksOf, maskField, targetField } from './clrsLite.ts';
import { getField, type Dataset } from './dataset.ts';
import type { GraphTask } from './clrsTasks.ts';

/**
 * binary: accuracy of always answering the majority class.
 * regression: R² of predicting the mean, which is 0 by definition.
 * pointer: accuracy of the better of "always point at the most common target" and "point at yourself".
 */
export function trivialBaseline(data: Dataset, task: GraphTask): number {
  const target = getField(data, targetField(task.name)).values;
  const mask = getField(data, maskField(task.name)).values;
  if (task.output === 'regression') return 0;
  if (task.output === 'binary') {
    let ones = 0;
    let total = 0;
    mask.forEach((m, i) => {
      total += m;
      ones += m * target[i];
    });
    return total > 0 ? Math.max(ones, total - ones) / total : 0;
  }
  const size = getField(data, maskField(task.name)).shape[0];
  const counts = new Float64Array(size);
  let self = 0;
  let total = 0;
  mask.forEach((m, row) => {
    if (!m) return;
    const v = row % size;
    const pointed = target.subarray(row * size, (row + 1) * size).indexOf(1);
    counts[pointed]++;
    if (pointed === v) self++;
    total++;
  });
  return total > 0 ? Math.max(self, ...counts) / total : 0;
}

export const trivialBaselines = (data: Dataset): number[] =>
  graphTasksOf(data).map((task) => trivialBaseline(data, task));
