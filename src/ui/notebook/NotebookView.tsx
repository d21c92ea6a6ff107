// The notebook: its title, toolbar, banners about where it came from, and its cells in order.
import { useCallback, useState } from 'react';
import { describeUndo } from '../../notebook/index.ts';
import { useLab } from '../../store/index.ts';
import { openLibraryEntry } from '../../store/libraryActions.ts';
import type { NotebookOrigin } from '../../store/notebookSlice.ts';
import { importFile } from '../../bridge/tableImport.ts';
import { TableImportDialog } from '../data/TableImportDialog.tsx';
import { useFileDrop } from '../data/useFileDrop.ts';
import { AddCellMenu } from './AddCellMenu.tsx';
import { LibraryPanel } from './LibraryPanel.tsx';
import { CellBody } from './CellBody.tsx';
import { CellFrame } from './CellFrame.tsx';
import { NotebookToolbar } from './NotebookToolbar.tsx';
import { ShortcutsHelp } from './ShortcutsHelp.tsx';
import { HidingStyle, hiddenLabels, hideClassesOf } from '../classroom/hiddenControls.tsx';
import { useNotebookShortcuts } from './useNotebookShortcuts.ts';
import { isTraceFile, openTraceFile } from './openTraceFile.ts';

/** How the banner names a notebook that replaced the previous one. */
const ORIGIN_NAMES: Partial<Record<NotebookOrigin, string>> = {
  link: 'a shared link',
  file: 'a notebook from a file',
  lesson: 'a lesson',
};

function Banners() {
  const last = useLab((s) => s.undoStack.at(-1));
  const replaced = useLab((s) => s.replaced);
  const origin = useLab((s) => s.origin);
  const undo = useLab((s) => s.undo);

  return (
    <>
      {last && (
        <div className="notice" role="status">
          {describeUndo(last)}{' '}
          <button type="button" className="link" onClick={undo}>
            Undo
          </button>
        </div>
      )}
      {replaced && (
        <div className="notice" role="status">
          Opened {ORIGIN_NAMES[origin] ?? 'a notebook'} as a new notebook; your previous notebook was kept in the
          library.{' '}
          <button type="button" className="link" onClick={() => void openLibraryEntry(replaced.id)}>
            Go back to it
          </button>
        </div>
      )}
    </>
  );
}

const NO_CONTROLS: string[] = [];

export function NotebookView() {
  const title = useLab((s) => s.notebook.title);
  const cells = useLab((s) => s.notebook.cells);
  const setTitle = useLab((s) => s.setTitle);
  const [helpOpen, setHelpOpen] = useState(false);
  const [libraryOpen, setLibraryOpen] = useState(false);
  // A link a teacher made with hidden controls hides them for whoever opens it, until they ask to see them.
  const hidden = useLab((s) =>
    s.origin === 'link' || s.origin === 'lesson'
      ? (s.notebook.presentation?.hiddenControls ?? NO_CONTROLS)
      : NO_CONTROLS,
  );
  const [showHidden, setShowHidden] = useState(false);
  const hideClasses = showHidden ? [] : hideClassesOf(hidden);
  const toggleHelp = useCallback(() => setHelpOpen((open) => !open), []);
  const closeHelp = useCallback(() => setHelpOpen(false), []);
  useNotebookShortcuts(toggleHelp);
  // A table file dropped anywhere on the notebook opens the column-role dialog; a PyTorch run's
  // result.json joins its experiment's run history; a routing trace opens in a trace cell.
  const drop = useFileDrop((file) => (isTraceFile(file) ? openTraceFile(file) : void importFile(file)));

  return (
    <div
      className={['notebook', ...(drop.over ? ['file-over'] : []), ...hideClasses].join(' ')}
      data-testid="notebook"
      {...drop.handlers}
    >
      {hideClasses.length > 0 && (
        <p className="notice" role="status" data-testid="hidden-controls-notice">
          <HidingStyle />
          Hidden by the teacher’s presenter settings: {hiddenLabels(hidden).join(', ').toLowerCase()}.{' '}
          <button type="button" className="link" onClick={() => setShowHidden(true)}>
            Show them
          </button>
        </p>
      )}
      <input
        className="notebook-title"
        aria-label="Notebook title"
        value={title}
        onChange={(e) => setTitle(e.target.value)}
      />
      <NotebookToolbar onHelp={toggleHelp} onLibrary={() => setLibraryOpen((open) => !open)} />
      {libraryOpen && <LibraryPanel onClose={() => setLibraryOpen(false)} />}
      {helpOpen && <ShortcutsHelp onClose={closeHelp} />}
      <Banners />
      {cells.map((cell, index) => (
        <CellFrame key={cell.id} cell={cell} index={index} count={cells.length}>
          <CellBody cell={cell} />
        </CellFrame>
      ))}
      <AddCellMenu />
      <TableImportDialog />
    </div>
  );
}
