// The column-role dialog's strip while the file is read in a worker: how far the parse is (characters
// of the text, or Parquet rows) and Cancel, which terminates the worker and leaves the notebook as it was.
import type { ParseTableProgress } from '../../protocol/jobs.ts';
import { cancelImport } from '../../bridge/tableImport.ts';
import { useLab } from '../../store/index.ts';
import { jobKeys } from '../../store/jobKeys.ts';
import { selectJob } from '../../store/jobsSlice.ts';
import { JobProgress } from '../JobProgress.tsx';

/** "42 % of the text" or "3,000 of 10,000 rows": how far a table file's parse is. */
export function parseProgressText(progress: ParseTableProgress): string {
  if (progress.unit === 'rows')
    return `${progress.done.toLocaleString('en')} of ${progress.total.toLocaleString('en')} rows`;
  return `${Math.round((100 * progress.done) / Math.max(1, progress.total))} % of the text`;
}

export function ParseProgress() {
  const progress = useLab(selectJob(jobKeys.tableImport))?.live;
  return (
    <div data-testid="table-parse-progress">
      <JobProgress
        text={`Reading the file in a worker${progress ? `: ${parseProgressText(progress)} parsed` : ''}…`}
        value={progress?.done}
        max={progress?.total}
        label="Parsing progress"
        onCancel={cancelImport}
      />
    </div>
  );
}
