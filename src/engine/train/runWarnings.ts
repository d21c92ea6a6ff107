// What a finished run should tell its user although nothing failed: a run that "succeeds" on a
// constant target or with a loss that grew is almost always a mistake in the set-up.
import { numTasks, type Dataset } from '../data/dataset.ts';

/** Tabular targets (`y` [numTasks]) with a single value in every row that has one (masks respected). */
export function constantTargetWarnings(dataset: Dataset): string[] {
  const { y, mask } = dataset.fields;
  const n = numTasks(dataset);
  if (!y || y.shape.length !== 1 || y.shape[0] !== n) return [];
  const warnings: string[] = [];
  for (let t = 0; t < n; t++) {
    let first: number | undefined;
    let constant = true;
    for (let s = 0; s < dataset.numSamples && constant; s++) {
      if (mask && !mask.values[s * n + t]) continue;
      const v = y.values[s * n + t];
      first ??= v;
      constant = v === first;
    }
    if (constant)
      warnings.push(
        `task "${dataset.taskNames[t]}" has the same target in every row: there is nothing to learn, and its validation loss says nothing`,
      );
  }
  return warnings;
}

/** One batch's loss is noisy: only a loss that ends more than this many times its start is named. */
const RISE_FACTOR = 2;

/** Tasks whose training loss at the last step is more than RISE_FACTOR times their loss at step 0. */
export function risingLossWarnings(
  taskNames: string[],
  first: Float32Array,
  last: Float32Array,
  lastStep: number,
  learningRate: number,
): string[] {
  return taskNames.flatMap((name, t) =>
    last[t] > RISE_FACTOR * first[t]
      ? [
          `the training loss of task "${name}" rose from ${first[t].toPrecision(3)} at step 0 to ${last[t].toPrecision(3)} at step ${lastStep}: try a lower learning rate (now ${learningRate})`,
        ]
      : [],
  );
}
