// A QR code of the notebook's share link, drawn offline as SVG, for students to open the same notebook.
import { useMemo } from 'react';
import { renderSVG } from 'uqr';
import { encodeNotebookLink, isUnchangedLesson, lessonLinkSearch } from '../../notebook/index.ts';
import { useLab } from '../../store/index.ts';

/** Addresses only this computer can open: a QR code of them is useless to students' phones. */
const LOCAL_HOSTS = /^(localhost|127(\.\d+){3}|\[::1\]|0\.0\.0\.0)$/;

/** Binary-mode capacity of the largest QR code (version 40) at error correction level L. */
const QR_MAX_BYTES = 2953;

export function ShareQrCode() {
  const notebook = useLab((s) => s.notebook);
  const lesson = useLab((s) => s.lesson);
  // An unchanged shipped lesson gets its short link: a far sparser code than the whole notebook's.
  const short = lesson !== undefined && isUnchangedLesson(notebook, lesson.original);
  const url = useMemo(() => {
    const page = `${location.origin}${location.pathname}`;
    return short
      ? `${page}${lessonLinkSearch(lesson.file, notebook.presentation?.hiddenControls ?? [])}`
      : `${page}${encodeNotebookLink(notebook).hash}`;
  }, [notebook, lesson, short]);
  const svg = useMemo(
    () => (new TextEncoder().encode(url).length <= QR_MAX_BYTES ? renderSVG(url, { ecc: 'L', border: 2 }) : null),
    [url],
  );
  return (
    <figure className="share-qr" data-testid="share-qr">
      {svg ? (
        // The SVG comes from uqr (our own input: the link), not from the user's text.
        <div
          className="share-qr-code"
          role="img"
          aria-label="QR code of this notebook's link"
          dangerouslySetInnerHTML={{ __html: svg }}
        />
      ) : (
        <p className="notice">
          This notebook's link ({url.length.toLocaleString()} characters) is too long for a QR code; share it as a file
          or a link.
        </p>
      )}
      <figcaption>
        <input readOnly value={url} aria-label="Link to this notebook" onFocus={(e) => e.target.select()} />
        {short && <p className="muted">A short link to the lesson as shipped, with the controls you hid.</p>}
        {LOCAL_HOSTS.test(location.hostname) && (
          <p className="notice" role="alert" data-testid="qr-local-warning">
            This link points to {location.host}, which only this computer can open: students’ devices cannot. Serve the
            lab on a network address or a public site (e.g. <code>vite preview --host</code>) and open it from there.
          </p>
        )}
      </figcaption>
    </figure>
  );
}
