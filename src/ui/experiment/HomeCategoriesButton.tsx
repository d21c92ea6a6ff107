// On a HoME experiment cell: one click fills the hierarchy mask's meta-categories with the SDP groups of
// the tasks' measured affinity (the lab's own task grouping), and says which groups it set or why not.
import { useState } from 'react';
import { categoriesFromSdpGroups } from '../../bridge/homeCategories.ts';
import type { CellOf } from '../../notebook/index.ts';

export function HomeCategoriesButton({ cell, disabled }: { cell: CellOf<'experiment'>; disabled: boolean }) {
  const [message, setMessage] = useState<{ text: string; error: boolean }>();
  const [busy, setBusy] = useState(false);
  const [k, setK] = useState('2');
  if (cell.spec.model.kind !== 'home') return null;
  const click = () => {
    setBusy(true);
    setMessage(undefined);
    categoriesFromSdpGroups(cell.id, cell.spec, Number(k))
      .then((text) => setMessage({ text, error: false }))
      .catch((e: Error) => setMessage({ text: e.message, error: true }))
      .finally(() => setBusy(false));
  };
  return (
    <div className="home-categories">
      <button
        type="button"
        disabled={disabled || busy}
        onClick={click}
        title="Groups the tasks by their measured affinity (SDP) and uses the groups as HoME's meta-categories"
      >
        {busy ? 'Grouping tasks…' : 'Categories from SDP groups'}
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
