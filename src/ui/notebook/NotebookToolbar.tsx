// Notebook-wide actions: the library, run all, share as a link (refused past the size browsers
// open, offering the file instead), save to / open from a .tasklab.json file.
import { useRef, useState } from 'react';
import { runAllExperiments } from '../../bridge/runAll.ts';
import { encodeNotebookLink, readNotebookFile, shareLinkProblem } from '../../notebook/index.ts';
import { saveNotebookFile } from './saveFile.ts';
import { useLab } from '../../store/index.ts';
import { importNotebook } from '../../store/persistence.ts';
import { RESULT_POINTS, RESULTS_LINK_MAX_CHARS, withResults } from '../../store/sharedResults.ts';

/** The open notebook, with its experiments' latest finished runs when asked. */
function notebookToShare(includeResults: boolean, maxPoints: number) {
  const { notebook, runs } = useLab.getState();
  return includeResults ? withResults(notebook, runs, maxPoints) : notebook;
}

export function NotebookToolbar({ onHelp, onLibrary }: { onHelp(): void; onLibrary(): void }) {
  const [link, setLink] = useState<
    { url: string; namedOnly: string[]; copied: boolean; resultsLeftOut?: number } | { tooLong: string }
  >();
  const [includeResults, setIncludeResults] = useState(true);
  const [fileError, setFileError] = useState<string>();
  const fileInput = useRef<HTMLInputElement>(null);

  const share = async () => {
    const urlOf = (hash: string) => `${location.origin}${location.pathname}${hash}`;
    let encoded = encodeNotebookLink(notebookToShare(includeResults, RESULT_POINTS.link));
    let resultsLeftOut: number | undefined;
    // A link with results that grows past the limit carries the cells only; the file keeps the results.
    if (includeResults && urlOf(encoded.hash).length > RESULTS_LINK_MAX_CHARS) {
      resultsLeftOut = urlOf(encoded.hash).length;
      encoded = encodeNotebookLink(useLab.getState().notebook);
    }
    const url = urlOf(encoded.hash);
    const tooLong = shareLinkProblem(url);
    if (tooLong) return setLink({ tooLong });
    const copied = await navigator.clipboard?.writeText(url).then(
      () => true,
      () => false,
    );
    setLink({ url, namedOnly: encoded.namedOnly, copied: Boolean(copied), resultsLeftOut });
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
        <button type="button" onClick={onLibrary}>
          Notebook library
        </button>
        <button type="button" className="primary" onClick={() => void runAllExperiments()}>
          Run all
        </button>
        <button type="button" onClick={() => void share()}>
          Copy link
        </button>
        <button type="button" onClick={() => saveNotebookFile(includeResults)}>
          Save file
        </button>
        <button type="button" onClick={() => fileInput.current?.click()}>
          Open file…
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          hidden
          aria-hidden="true"
          onChange={(e) => void openFile(e.target.files?.[0])}
        />
        <button type="button" onClick={onHelp} aria-label="Keyboard shortcuts">
          ?
        </button>
        <label
          className="include-results"
          title={`Each experiment's latest finished run: final numbers, loss curves (≤ ${RESULT_POINTS.file} points per task in a file, ≤ ${RESULT_POINTS.link} in a link) and its latest affinity matrix`}
        >
          <input type="checkbox" checked={includeResults} onChange={(e) => setIncludeResults(e.target.checked)} /> with
          results
        </label>
      </div>
      {link && 'tooLong' in link && (
        <div className="error-banner" role="alert" data-testid="share-too-long">
          {link.tooLong}{' '}
          <button type="button" onClick={() => saveNotebookFile(includeResults)}>
            Save file
          </button>
        </div>
      )}
      {link && 'url' in link && (
        <div className="share-result" role="status">
          {link.copied ? 'Link copied. ' : 'Copy this link: '}
          <input
            readOnly
            value={link.url}
            aria-label="Share link"
            data-testid="share-link"
            onFocus={(e) => e.target.select()}
          />
          <span className="muted"> ({link.url.length.toLocaleString()} characters)</span>
          {link.resultsLeftOut !== undefined && (
            <div className="notice">
              With results this link would be {link.resultsLeftOut.toLocaleString()} characters, over the{' '}
              {RESULTS_LINK_MAX_CHARS.toLocaleString()}-character limit for links, so it carries the cells only.{' '}
              <button type="button" className="link" onClick={() => saveNotebookFile(true)}>
                Save a file with the results
              </button>{' '}
              instead.
            </div>
          )}
          {link.namedOnly.length > 0 && (
            <div className="notice">
              Too large to embed, so only named in the link: {link.namedOnly.join(', ')}. Whoever opens it is asked for
              these files.
            </div>
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
