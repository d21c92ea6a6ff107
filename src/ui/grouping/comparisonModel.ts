// Plain helpers for the set-up comparison: table rows, CSV and a sentence for screen readers.
import { SETUP_LABELS, type SetupComparison, type SetupResult } from '../../protocol/branchTree.ts';
import { csvText } from '../../shared/csv.ts';
import { mean } from '../../shared/stats.ts';

/** Index of the best set-up for each task (highest score), or -1 when none has a finite score. */
export function bestPerTask(setups: SetupResult[], numTasks: number): number[] {
  return Array.from({ length: numTasks }, (_, t) => {
    let best = -1;
    setups.forEach((s, i) => {
      const v = s.validationScore[t];
      if (Number.isFinite(v) && (best < 0 || v > setups[best].validationScore[t])) best = i;
    });
    return best;
  });
}

export function comparisonCsv(
  comparison: Pick<SetupComparison, 'taskNames' | 'scoreName'>,
  setups: SetupResult[],
): string {
  const header = [
    'setup',
    'params',
    'seconds',
    ...comparison.taskNames.flatMap((n) => [`${n} loss`, `${n} ${comparison.scoreName}`]),
  ];
  const rows = setups.map((s) => [
    SETUP_LABELS[s.id],
    s.params,
    s.seconds.toFixed(3),
    ...s.validationLoss.flatMap((loss, t) => [loss, s.validationScore[t]]),
  ]);
  return csvText([header, ...rows]);
}

export function describeComparison(scoreName: string, setups: SetupResult[]): string {
  if (!setups.length) return 'No set-up trained yet.';
  const parts = setups.map(
    (s) => `${SETUP_LABELS[s.id]}: mean ${scoreName} ${mean(s.validationScore).toFixed(3)}, ${s.params} parameters`,
  );
  return `Validation ${scoreName} per task for ${setups.length} set-ups. ${parts.join('; ')}.`;
}
