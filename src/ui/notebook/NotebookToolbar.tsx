// Notebook-wide actions: the library, run all, share as a link (refused past the size browsers
// open, offering the file instead), save to / open from a .tasklab.json file.
import { useRef, useState } from 'react';
import { runAllExperiments } from '../../bridge/runAll.ts';
import { encodeNotebookLink, readNotebookFile, shareLinkProblem } from '../../notebook/index.ts';
import { saveNotebookFile } from './saveFile.ts';
import { useLab } from '../../store/index.ts';
import { importNotebook } from '../../store/persistence.ts';

export function NotebookToolbar({ onHelp, onLibrary }: { onHelp(): void; onLibrary(): void }) {
  const [link, setLink] = useState<{ url: string; namedOnly: string[]; copied: boolean } | { tooLong: string }>();
  const [fileError, setFileError] = useState<string>();
  const fileInput = useRef<HTMLInputElement>(null);

  const share = async () => {
    const encoded = encodeNotebookLink(useLab.getState().notebook);
    const url = `${location.origin}${location.pathname}${encoded.hash}`;
    const tooLong = shareLinkProblem(url);
    if (tooLong) return setLink({ tooLong });
    const copied = await navigator.clipboard?.writeText(url).then(() => true, () => false);
    setLink({ url, namedOnly: encoded.namedOnly, copied: Boolean(copied) });
  };

  const openFile = async (file: File | undefined) => {
    if (!file) return;
    setFileError(undefined);
    const result = readNotebookFile(await file.text());
    if (result.ok) await importNotebook(result.notebook);
    else setFileError(`${file.name}: ${result.error}`);
  };

  return (
    <div className="notebook-toolbar">
      <div className="toolbar-buttons" role="toolbar" aria-label="Notebook">
        <button type="button" onClick={onLibrary}>Notebook library</button>
        <button type="button" className="primary" onClick={() => void runAllExperiments()}>Run all</button>
        <button type="button" onClick={() => void share()}>Copy link</button>
        <button type="button" onClick={saveNotebookFile}>Save file</button>
        <button type="button" onClick={() => fileInput.current?.click()}>Open file…</button>
        <input ref={fileInput} type="file" accept=".json,application/json" hidden aria-hidden="true" onChange={(e) => void openFile(e.target.files?.[0])} />
        <button type="button" onClick={onHelp} aria-label="Keyboard shortcuts">?</button>
      </div>
      {link && 'tooLong' in link && (
        <div className="error-banner" role="alert" data-testid="share-too-long">
          {link.tooLong}{' '}
          <button type="button" onClick={saveNotebookFile}>Save file</button>
        </div>
      )}
      {link && 'url' in link && (
        <div className="share-result" role="status">
          {link.copied ? 'Link copied. ' : 'Copy this link: '}
          <input readOnly value={link.url} aria-label="Share link" data-testid="share-link" onFocus={(e) => e.target.select()} />
          <span className="muted"> ({link.url.length.toLocaleString()} characters)</span>
          {link.namedOnly.length > 0 && (
            <div className="notice">Too large to embed, so only named in the link: {link.namedOnly.join(', ')}. Whoever opens it is asked for these files.</div>
          )}
        </div>
      )}
      {fileError && (
        <div className="error-banner" role="alert">
          {fileError}
        </div>
      )}
    </div>
  );
}
