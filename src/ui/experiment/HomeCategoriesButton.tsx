// On a HoME experiment cell: one click fills the hierarchy mask's meta-categories with the SDP groups of
// the tasks' measured affinity (the lab's own task grouping), and says which groups it set or why not.
// While the grouping job runs, the job strip with Cancel shows under the button.
import { useState } from 'react';
import { cancelHomeCategories, categoriesFromSdpGroups } from '../../bridge/homeCategories.ts';
import type { CellOf } from '../../notebook/index.ts';
import { useLab } from '../../store/index.ts';
import { jobKeys } from '../../store/jobKeys.ts';
import { selectJob } from '../../store/jobsSlice.ts';
import { JobProgress } from '../JobProgress.tsx';

export function HomeCategoriesButton({ cell, disabled }: { cell: CellOf<'experiment'>; disabled: boolean }) {
  const job = useLab(selectJob(jobKeys.homeCategories(cell.id)));
  const [said, setSaid] = useState<{ text: string; error: boolean }>();
  const [k, setK] = useState('2');
  if (cell.spec.model.kind !== 'home') return null;
  const busy = job?.status === 'running';
  const click = () => {
    setSaid(undefined);
    categoriesFromSdpGroups(cell.id, cell.spec, Number(k))
      .then((text) => text && setSaid({ text, error: false }))
      .catch((e: Error) => setSaid({ text: e.message, error: true }));
  };
  const message = said ?? (job?.status === 'failed' ? { text: job.error ?? '', error: true } : undefined);
  return (
    <div className="home-categories">
      <button
        type="button"
        disabled={disabled || busy}
        onClick={click}
        title="Groups the tasks by their measured affinity (SDP) and uses the groups as HoME's meta-categories"
      >
        Categories from SDP groups
      </button>{' '}
      <label>
        groups{' '}
        <input
          type="number"
          min={1}
          step={1}
          value={k}
          onChange={(e) => setK(e.target.value)}
          disabled={disabled || busy}
          aria-label="Number of SDP groups"
          style={{ width: '4em' }}
        />
      </label>
      {busy && <JobProgress noBar text="Grouping the tasks (SDP)…" onCancel={() => cancelHomeCategories(cell.id)} />}
      {message && (
        <p
          className={message.error ? 'error-text' : 'notice'}
          role={message.error ? 'alert' : 'status'}
          data-testid="home-categories-message"
        >
          {message.text}
        </p>
      )}
    </div>
  );
}
