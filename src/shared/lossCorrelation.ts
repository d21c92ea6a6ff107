// How much tasks' loss curves move together: the correlation of their step-to-step changes. Pure
// numbers, so the lesson checks (engine) and the curves view (page) share it.
import { pearson } from './stats.ts';

/**
 * Correlation of step-to-step changes of log loss between every pair of tasks ([T·T], 1 on the
 * diagonal). All curves fall, so raw curves always correlate; their per-batch wiggles only do when
 * the tasks share what they learn.
 */
export function lossChangeCorrelation(losses: ArrayLike<number>, tasks: number): Float32Array {
  const steps = Math.floor(losses.length / tasks);
  const changes = Array.from({ length: tasks }, (_, t) => {
    const d = new Float64Array(Math.max(0, steps - 1));
    for (let s = 0; s + 1 < steps; s++) d[s] = Math.log(losses[(s + 1) * tasks + t]) - Math.log(losses[s * tasks + t]);
    return d;
  });
  const out = new Float32Array(tasks * tasks);
  for (let i = 0; i < tasks; i++)
    for (let j = 0; j < tasks; j++) out[i * tasks + j] = i === j ? 1 : pearson(changes[i], changes[j]);
  return out;
}
