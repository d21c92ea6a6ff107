// Presenter mode: one cell at a time in large type, arrows / PageUp / PageDown to move, Escape to
// leave; the controls the notebook lists in presentation.hiddenControls are hidden.
import { useEffect, useState } from 'react';
import { useLab } from '../../store/index.ts';

/** One shared empty list: a fresh [] per render would make the store selector loop. */
const NONE_HIDDEN: string[] = [];
import { CellBody } from '../notebook/CellBody.tsx';
import { cellHeading } from '../notebook/CellFrame.tsx';
import { HiddenControlsPicker } from './HiddenControlsPicker.tsx';
import { HidingStyle, hideClassesOf } from './hiddenControls.tsx';
import { usePresenter } from './presenterStore.ts';
import { ShareQrCode } from './ShareQrCode.tsx';

const isTextField = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

const NEXT_KEYS = new Set(['ArrowRight', 'ArrowDown', 'PageDown']);
const PREVIOUS_KEYS = new Set(['ArrowLeft', 'ArrowUp', 'PageUp']);

export function PresenterView() {
  const cells = useLab((s) => s.notebook.cells);
  const title = useLab((s) => s.notebook.title);
  const hidden = useLab((s) => s.notebook.presentation?.hiddenControls ?? NONE_HIDDEN);
  const { index, goTo, stop } = usePresenter();
  const [panel, setPanel] = useState<'none' | 'qr' | 'hide'>('none');
  const cell = cells[Math.min(index, cells.length - 1)];

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key === 'Escape') return stop();
      if (isTextField(event.target)) return;
      const count = useLab.getState().notebook.cells.length;
      const at = usePresenter.getState().index;
      if (NEXT_KEYS.has(event.key)) goTo(at + 1, count);
      else if (PREVIOUS_KEYS.has(event.key)) goTo(at - 1, count);
      else if (event.key === 'Home') goTo(0, count);
      else if (event.key === 'End') goTo(count - 1, count);
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [goTo, stop]);

  const hideClasses = hideClassesOf(hidden);
  return (
    <div className={['presenter', ...hideClasses].join(' ')} data-testid="presenter">
      <HidingStyle />
      <nav className="presenter-bar" aria-label="Presentation">
        <span className="presenter-title">{title}</span>
        <button
          type="button"
          onClick={() => goTo(index - 1, cells.length)}
          disabled={index === 0}
          aria-label="Previous cell (←, PageUp)"
        >
          ←
        </button>
        <span aria-live="polite" data-testid="presenter-position">
          {cells.length ? index + 1 : 0} / {cells.length}
        </span>
        <button
          type="button"
          onClick={() => goTo(index + 1, cells.length)}
          disabled={index >= cells.length - 1}
          aria-label="Next cell (→, PageDown)"
        >
          →
        </button>
        <button type="button" aria-pressed={panel === 'qr'} onClick={() => setPanel(panel === 'qr' ? 'none' : 'qr')}>
          QR code
        </button>
        <button
          type="button"
          aria-pressed={panel === 'hide'}
          onClick={() => setPanel(panel === 'hide' ? 'none' : 'hide')}
        >
          Hide controls…
        </button>
        <button type="button" onClick={stop}>
          Exit (Esc)
        </button>
      </nav>
      {panel === 'qr' && <ShareQrCode />}
      {panel === 'hide' && <HiddenControlsPicker />}
      {cell ? (
        <section
          key={cell.id}
          className={`presenter-cell cell cell-${cell.kind}`}
          data-cell-id={cell.id}
          aria-label={cellHeading(cell) || `Cell ${index + 1}`}
        >
          {cellHeading(cell) && <h2>{cellHeading(cell)}</h2>}
          <CellBody cell={cell} />
        </section>
      ) : (
        <p className="placeholder">This notebook has no cells.</p>
      )}
    </div>
  );
}
