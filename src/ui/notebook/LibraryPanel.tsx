// The notebook library: every notebook the user made or opened, with name, date and size,
// searchable; open, new, duplicate, rename, delete to the trash, and restore within 30 days.
import { useState } from 'react';
import { useLab } from '../../store/index.ts';
import {
  duplicateLibraryEntry,
  newNotebook,
  openLibraryEntry,
  renameLibraryEntry,
  restoreLibraryEntry,
  trashLibraryEntry,
} from '../../store/libraryActions.ts';
import { TRASH_DAYS, type EntryOrigin, type LibraryEntry } from '../../store/notebookLibrary.ts';
import { formatBytes } from '../../store/storageSpace.ts';

const ORIGIN_LABELS: Record<EntryOrigin, string> = {
  new: 'new',
  autosave: 'yours',
  link: 'from a link',
  file: 'from a file',
  lesson: 'lesson',
  copy: 'copy',
};
const DAY_MS = 24 * 60 * 60 * 1000;
const when = (time: number) => new Date(time).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function RenameForm({ entry, onDone }: { entry: LibraryEntry; onDone(): void }) {
  const [title, setTitle] = useState(entry.title);
  return (
    <form
      className="library-rename"
      onSubmit={(e) => {
        e.preventDefault();
        void renameLibraryEntry(entry.id, title.trim() || entry.title).then(onDone);
      }}
    >
      <input
        aria-label={`New name for ${entry.title}`}
        value={title}
        maxLength={200}
        onChange={(e) => setTitle(e.target.value)}
        autoFocus
      />
      <button type="submit">Save name</button>
      <button type="button" onClick={onDone}>
        Cancel
      </button>
    </form>
  );
}

function EntryRow({ entry, open }: { entry: LibraryEntry; open: boolean }) {
  const [renaming, setRenaming] = useState(false);
  return (
    <tr data-testid="library-entry" data-open={open || undefined}>
      <td>
        {renaming ? (
          <RenameForm entry={entry} onDone={() => setRenaming(false)} />
        ) : open ? (
          <strong>
            {entry.title} <span className="muted">(open)</span>
          </strong>
        ) : (
          <button type="button" className="link" onClick={() => void openLibraryEntry(entry.id)}>
            {entry.title}
          </button>
        )}
      </td>
      <td className="muted">{ORIGIN_LABELS[entry.origin]}</td>
      <td>{when(entry.updatedAt)}</td>
      <td className="number">{formatBytes(entry.sizeBytes)}</td>
      <td className="library-actions">
        <button
          type="button"
          onClick={() => void duplicateLibraryEntry(entry.id)}
          aria-label={`Duplicate ${entry.title}`}
        >
          Duplicate
        </button>
        <button type="button" onClick={() => setRenaming(true)} aria-label={`Rename ${entry.title}`}>
          Rename
        </button>
        <button type="button" onClick={() => void trashLibraryEntry(entry.id)} aria-label={`Delete ${entry.title}`}>
          Delete
        </button>
      </td>
    </tr>
  );
}

function Trash({ entries }: { entries: LibraryEntry[] }) {
  if (!entries.length) return null;
  return (
    <details className="library-trash">
      <summary>
        Trash ({entries.length}): restorable for {TRASH_DAYS} days
      </summary>
      <ul>
        {entries.map((entry) => (
          <li key={entry.id} data-testid="trash-entry">
            {entry.title}{' '}
            <span className="muted">
              ({formatBytes(entry.sizeBytes)}, deleted {when(entry.deletedAt!)},{' '}
              {Math.max(0, Math.ceil(TRASH_DAYS - (Date.now() - entry.deletedAt!) / DAY_MS))} days left)
            </span>{' '}
            <button
              type="button"
              onClick={() => void restoreLibraryEntry(entry.id)}
              aria-label={`Restore ${entry.title}`}
            >
              Restore
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}

export function LibraryPanel({ onClose }: { onClose(): void }) {
  const entries = useLab((s) => s.libraryEntries);
  const openId = useLab((s) => s.notebookId);
  const [query, setQuery] = useState('');
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const matches = (e: LibraryEntry) =>
    words.every((w) => `${e.title} ${ORIGIN_LABELS[e.origin]}`.toLowerCase().includes(w));
  const listed = entries.filter((e) => e.deletedAt === undefined);
  const shown = listed.filter(matches);
  return (
    <section className="library-panel" aria-label="Notebook library">
      <div className="library-toolbar">
        <h2>Your notebooks ({listed.length})</h2>
        <input
          type="search"
          placeholder="Search by name"
          aria-label="Search notebooks"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <button type="button" className="primary" onClick={() => void newNotebook()}>
          New notebook
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <p className="muted">
        Everything you make or open is kept here, in this browser. Opening a lesson, file or link adds a notebook; it
        never replaces one.
      </p>
      <table className="library-list">
        <thead>
          <tr>
            <th>Name</th>
            <th>From</th>
            <th>Saved</th>
            <th>Size</th>
            <th>
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((entry) => (
            <EntryRow key={entry.id} entry={entry} open={entry.id === openId} />
          ))}
        </tbody>
      </table>
      {shown.length === 0 && (
        <p className="muted">{listed.length ? `No notebook matches "${query}".` : 'No notebooks stored yet.'}</p>
      )}
      <Trash entries={entries.filter((e) => e.deletedAt !== undefined)} />
    </section>
  );
}
