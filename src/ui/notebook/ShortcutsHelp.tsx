// The keyboard-shortcut help: pinned in view wherever the page is scrolled, takes focus when it
// opens, closes on Esc, and gives focus back to where it was.
import { useEffect, useRef } from 'react';

export const SHORTCUTS: [string, string][] = [
  ['Shift + Enter', 'run the focused experiment cell'],
  ['Alt + ↑ / Alt + ↓', 'move the focused cell up / down'],
  ['Ctrl + Z (outside text fields)', 'undo the last cell deletion or one-click comparison'],
  ['?', 'show or hide this help'],
  ['Esc', 'close this help'],
];

export function ShortcutsHelp({ onClose }: { onClose(): void }) {
  const panel = useRef<HTMLElement>(null);
  useEffect(() => {
    const returnTo = document.activeElement as HTMLElement | null;
    panel.current?.focus();
    const onKeyDown = (event: KeyboardEvent) => event.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKeyDown);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      returnTo?.focus?.();
    };
  }, [onClose]);
  return (
    <aside ref={panel} className="shortcuts-help" role="dialog" aria-label="Keyboard shortcuts" tabIndex={-1}>
      <h2>Keyboard shortcuts</h2>
      <dl>
        {SHORTCUTS.map(([keys, what]) => (
          <div key={keys}>
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <button type="button" onClick={onClose}>
        Close
      </button>
    </aside>
  );
}
