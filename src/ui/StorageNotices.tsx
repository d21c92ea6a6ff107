// Storage trouble the user must not miss: a failed write (kept until dismissed, with Save file and
// what to delete), storage nearly full, and a warning before leaving with edits not yet stored.
import { useEffect } from 'react';
import { useLab } from '../store/index.ts';
import { formatBytes } from '../store/storageSpace.ts';
import { saveNotebookFile } from './notebook/saveFile.ts';

function useWarnBeforeLeaving() {
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (!useLab.getState().unsavedEdits) return;
      event.preventDefault();
      // Older browsers show the prompt only when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);
}

export function StorageNotices() {
  const problem = useLab((s) => s.storageProblem);
  const warning = useLab((s) => s.storageWarning);
  const setProblem = useLab((s) => s.setStorageProblem);
  const setWarning = useLab((s) => s.setStorageWarning);
  useWarnBeforeLeaving();
  return (
    <>
      {problem && (
        <div className="error-banner storage-problem" role="alert" data-testid="storage-problem">
          {problem.message}
          {problem.largest.length > 0 && (
            <div>
              Largest notebooks:{' '}
              {problem.largest
                .map((e) => `"${e.title}" (${formatBytes(e.sizeBytes)}${e.deletedAt ? ', in the trash' : ''})`)
                .join(', ')}
              .
            </div>
          )}
          <div className="run-controls">
            <button type="button" className="primary" onClick={() => saveNotebookFile()}>
              Save file
            </button>
            <button type="button" onClick={() => setProblem(undefined)}>
              Dismiss
            </button>
          </div>
        </div>
      )}
      {warning && (
        <div className="notice" role="status" data-testid="storage-warning">
          {warning}{' '}
          <button type="button" className="link" onClick={() => setWarning(undefined)}>
            dismiss
          </button>
        </div>
      )}
    </>
  );
}
