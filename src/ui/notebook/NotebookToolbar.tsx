// Notebook-wide actions: run all, share as a link, save to / open from a .tasklab.json file.
import { useRef, useState } from 'react';
import { runAllExperiments } from '../../bridge/runAll.ts';
import { encodeNotebookLink, FILE_EXTENSION, readNotebookFile, writeNotebookFile } from '../../notebook/index.ts';
import { useLab } from '../../store/index.ts';
import { importNotebook } from '../../store/persistence.ts';

function downloadText(text: string, fileName: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  Object.assign(document.createElement('a'), { href: url, download: fileName }).click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const fileNameFor = (title: string) => `${title.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'notebook'}${FILE_EXTENSION}`;

export function NotebookToolbar({ onHelp }: { onHelp(): void }) {
  const [link, setLink] = useState<{ url: string; namedOnly: string[]; copied: boolean }>();
  const [fileError, setFileError] = useState<string>();
  const fileInput = useRef<HTMLInputElement>(null);

  const share = async () => {
    const encoded = encodeNotebookLink(useLab.getState().notebook);
    const url = `${location.origin}${location.pathname}${encoded.hash}`;
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
        <button type="button" className="primary" onClick={() => void runAllExperiments()}>Run all</button>
        <button type="button" onClick={() => void share()}>Copy link</button>
        <button type="button" onClick={() => downloadText(writeNotebookFile(useLab.getState().notebook), fileNameFor(useLab.getState().notebook.title))}>
          Save file
        </button>
        <button type="button" onClick={() => fileInput.current?.click()}>Open file…</button>
        <input ref={fileInput} type="file" accept=".json,application/json" hidden aria-hidden="true" onChange={(e) => void openFile(e.target.files?.[0])} />
        <button type="button" onClick={onHelp} aria-label="Keyboard shortcuts">?</button>
      </div>
      {link && (
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
