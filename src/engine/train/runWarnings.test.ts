import { describe, expect, it } from 'vitest';
import type { Dataset } from '../data/dataset.ts';
import { constantTargetWarnings, risingLossWarnings } from './runWarnings.ts';

const table = (y: number[], mask?: number[]): Dataset => ({
  name: 't',
  taskNames: ['a', 'b'],
  numSamples: y.length / 2,
  fields: {
    x: { values: new Float32Array(y.length / 2), shape: [1] },
    y: { values: Float32Array.from(y), shape: [2] },
    ...(mask ? { mask: { values: Float32Array.from(mask), shape: [2] } } : {}),
  },
});

describe('run warnings', () => {
  it('names a task whose target is the same in every row, ignoring masked-out rows', () => {
    expect(constantTargetWarnings(table([1, 5, 2, 5, 3, 5]))).toEqual([
      expect.stringMatching(/^task "b" has the same target in every row/),
    ]);
    expect(constantTargetWarnings(table([1, 5, 2, 9, 3, 5], [1, 1, 1, 0, 1, 1]))).toHaveLength(1);
    expect(constantTargetWarnings(table([1, 5, 2, 9, 3, 5]))).toEqual([]);
  });

  it('names a task whose loss ended more than twice its start, not one that wobbled', () => {
    const warnings = risingLossWarnings(['a', 'b'], Float32Array.of(1, 1), Float32Array.of(1.5, 1760), 199, 10);
    expect(warnings).toEqual([
      'the training loss of task "b" rose from 1.00 at step 0 to 1.76e+3 at step 199: try a lower learning rate (now 10)',
    ]);
  });
});
