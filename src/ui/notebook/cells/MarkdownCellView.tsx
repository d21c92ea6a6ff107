import { useMemo, useState } from 'react';
import type { CellOf } from '../../../notebook/index.ts';
import { useLab } from '../../../store/index.ts';
import { renderMarkdown } from '../../markdown.ts';

export function MarkdownCellView({ cell }: { cell: CellOf<'markdown'> }) {
  const patchCell = useLab((s) => s.patchCell);
  const [editing, setEditing] = useState(false);
  const html = useMemo(() => renderMarkdown(cell.text), [cell.text]);
  if (editing) {
    return (
      <div className="markdown-editor">
        <textarea
          aria-label="Markdown text"
          value={cell.text}
          rows={Math.min(24, Math.max(4, cell.text.split('\n').length + 1))}
          onChange={(e) => patchCell(cell.id, { text: e.target.value })}
          autoFocus
        />
        <button type="button" onClick={() => setEditing(false)}>Done</button>
      </div>
    );
  }
  return (
    <div className="markdown-body" onDoubleClick={() => setEditing(true)}>
      {/* Floated before the text, so the text flows around it instead of under it. */}
      <button type="button" className="link edit-markdown" onClick={() => setEditing(true)}>
        edit
      </button>
      {/* Sanitised by DOMPurify in renderMarkdown. */}
      <div dangerouslySetInnerHTML={{ __html: html }} />
    </div>
  );
}
