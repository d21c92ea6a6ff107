// Presenter settings ride along in files and share links, and older documents without them still read.
import { describe, expect, it } from 'vitest';
import { decodeNotebookLink, encodeNotebookLink, parseNotebook, readNotebookFile, writeNotebookFile } from './index.ts';

const notebook = parseNotebook({
  title: 'Lesson',
  presentation: { hiddenControls: ['settings', 'history'] },
  cells: [{ id: 'm1', kind: 'markdown', text: 'Hello' }],
});

describe('notebook.presentation', () => {
  it('survives a share link and a file round trip', () => {
    if (!notebook.ok) throw new Error(notebook.error);
    const viaLink = decodeNotebookLink(encodeNotebookLink(notebook.notebook).hash);
    expect(viaLink.ok && viaLink.notebook.presentation).toEqual({ hiddenControls: ['settings', 'history'] });
    const viaFile = readNotebookFile(writeNotebookFile(notebook.notebook));
    expect(viaFile.ok && viaFile.notebook).toEqual(notebook.notebook);
  });

  it('is optional, and a bad list is refused with its path', () => {
    const plain = parseNotebook({ title: 'x', cells: [] });
    expect(plain.ok && plain.notebook.presentation).toBeUndefined();
    const bad = parseNotebook({ title: 'x', cells: [], presentation: { hiddenControls: 'settings' } });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toContain('presentation.hiddenControls');
  });
});
