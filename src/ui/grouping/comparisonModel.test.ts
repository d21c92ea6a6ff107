import { describe, expect, it } from 'vitest';
import type { SetupResult } from '../../protocol/branchTree.ts';
import { mean } from '../../shared/stats.ts';
import { bestPerTask, comparisonCsv, describeComparison } from './comparisonModel.ts';

const setup = (id: SetupResult['id'], scores: number[], params = 10): SetupResult => ({
  id,
  layers: [],
  params,
  seconds: 1.5,
  validationLoss: scores.map((s) => 1 - s),
  validationScore: scores,
});

describe('comparison helpers', () => {
  const setups = [setup('single', [0.5, 0.9, NaN]), setup('shared', [0.7, 0.2, NaN], 4)];
  it('finds the best set-up per task, -1 when no score is finite', () => {
    expect(bestPerTask(setups, 3)).toEqual([1, 0, -1]);
  });
  it('writes one CSV row per set-up with loss and score per task', () => {
    const csv = comparisonCsv({ taskNames: ['a', 'b', 'c'], scoreName: 'R²' }, setups).split('\n');
    expect(csv[0]).toBe('setup,params,seconds,a loss,a R²,b loss,b R²,c loss,c R²');
    expect(csv[2]).toBe('All shared,4,1.500,0.30000000000000004,0.7,0.8,0.2,,');
  });
  it('summarises mean scores for screen readers', () => {
    expect(mean([1, 2, 6])).toBe(3);
    expect(describeComparison('R²', [setup('tree', [0.5, 0.7], 12)])).toBe(
      'Validation R² per task for 1 set-ups. Branched tree: mean R² 0.600, 12 parameters.',
    );
    expect(describeComparison('R²', [])).toBe('No set-up trained yet.');
  });
});
