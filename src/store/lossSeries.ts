// Per-step, per-task losses kept in one growing step-major Float32Array. Appends reuse the
// buffer (doubling when full) and return a new wrapper object so React sees a change.
import type { ProgressEvent } from '../protocol/index.ts';

export interface LossSeries {
  numTasks: number;
  numSteps: number;
  /** values[step * numTasks + task]; only the first numSteps * numTasks entries are valid. */
  values: Float32Array;
}

export const emptySeries = (numTasks: number): LossSeries => ({ numTasks, numSteps: 0, values: new Float32Array(0) });

export function appendSteps(series: LossSeries, event: ProgressEvent): LossSeries {
  if (event.numTasks !== series.numTasks) return series;
  const needed = (series.numSteps + event.numSteps) * series.numTasks;
  let values = series.values;
  if (needed > values.length) {
    values = new Float32Array(Math.max(needed, values.length * 2, 1024));
    values.set(series.values.subarray(0, series.numSteps * series.numTasks));
  }
  values.set(event.losses, series.numSteps * series.numTasks);
  return { numTasks: series.numTasks, numSteps: series.numSteps + event.numSteps, values };
}

/** One task's losses as a fresh array. */
export function taskLosses(series: LossSeries, task: number): Float32Array {
  const out = new Float32Array(series.numSteps);
  for (let s = 0; s < series.numSteps; s++) out[s] = series.values[s * series.numTasks + task];
  return out;
}
