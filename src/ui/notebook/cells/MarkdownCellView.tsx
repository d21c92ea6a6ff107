import { useEffect, useMemo, useState } from 'react';
import type { CellOf } from '../../../notebook/index.ts';
import { useLab } from '../../../store/index.ts';

type Render = (text: string) => string;

// marked, KaTeX and DOMPurify are about a third of the page's JS: loaded on the first markdown cell, not at start.
let loading: Promise<Render> | null = null;
let loaded: Render | null = null;
function loadRenderer(): Promise<Render> {
  loading ??= import('../../markdown.ts').then((module) => (loaded = module.renderMarkdown));
  return loading;
}

function useRenderer(): Render | null {
  const [render, setRender] = useState<Render | null>(() => loaded);
  useEffect(() => {
    if (!render) void loadRenderer().then((r) => setRender(() => r));
  }, [render]);
  return render;
}

export function MarkdownCellView({ cell }: { cell: CellOf<'markdown'> }) {
  const patchCell = useLab((s) => s.patchCell);
  const [editing, setEditing] = useState(false);
  const render = useRenderer();
  const html = useMemo(() => render?.(cell.text), [render, cell.text]);
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
        <button type="button" onClick={() => setEditing(false)}>
          Done
        </button>
      </div>
    );
  }
  return (
    <div className="markdown-body" onDoubleClick={() => setEditing(true)}>
      {/* Floated before the text, so the text flows around it instead of under it. */}
      <button type="button" className="link edit-markdown" onClick={() => setEditing(true)}>
        edit
      </button>
      {/* Sanitised by DOMPurify in renderMarkdown; the raw text shows for the moment the renderer loads. */}
      {html === undefined ? (
        <div className="markdown-loading">{cell.text}</div>
      ) : (
        <div dangerouslySetInnerHTML={{ __html: html }} />
      )}
    </div>
  );
}
