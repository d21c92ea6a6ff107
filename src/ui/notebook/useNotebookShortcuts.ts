// Keyboard shortcuts of the notebook (listed in ShortcutsHelp): they act on the cell that holds focus.
import { useEffect } from 'react';
import { useLab } from '../../store/index.ts';

const isTextField = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

export function useNotebookShortcuts(toggleHelp: () => void) {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const cellElement = (event.target as HTMLElement | null)?.closest?.<HTMLElement>('[data-cell-id]');
      const cellId = cellElement?.dataset.cellId;
      const { undo, shiftCellBy } = useLab.getState();
      if ((event.ctrlKey || event.metaKey) && event.key === 'z' && !isTextField(event.target)) {
        event.preventDefault();
        undo();
      } else if (event.key === '?' && !isTextField(event.target)) {
        toggleHelp();
      } else if (cellId && event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
        event.preventDefault();
        shiftCellBy(cellId, event.key === 'ArrowUp' ? -1 : 1);
        requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-cell-id="${cellId}"]`)?.focus());
      } else if (cellId && event.shiftKey && event.key === 'Enter') {
        const start = cellElement?.querySelector<HTMLButtonElement>('button[data-run-cell]');
        if (start && start.getAttribute('aria-disabled') !== 'true') {
          event.preventDefault();
          start.click();
        }
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [toggleHelp]);
}
