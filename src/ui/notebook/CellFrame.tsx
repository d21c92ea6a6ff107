// The chrome around every cell: its kind and title, and the buttons that move, copy or delete it.
import type { ReactNode } from 'react';
import type { Cell } from '../../notebook/index.ts';
import { useLab } from '../../store/index.ts';

const KIND_LABELS: Record<Cell['kind'], string> = {
  markdown: 'Text',
  dataset: 'Dataset',
  experiment: 'Experiment',
  view: 'View',
  compare: 'Compare',
  trace: 'Routing trace',
  sweep: 'Sweep',
};

export function cellHeading(cell: Cell): string {
  if (cell.title) return cell.title;
  switch (cell.kind) {
    case 'experiment':
      return cell.spec.name;
    case 'dataset':
      return cell.name;
    case 'view':
      return `${cell.chart[0].toUpperCase()}${cell.chart.slice(1)}`;
    case 'trace':
      return cell.source?.type === 'file'
        ? cell.source.fileName
        : cell.source?.type === 'sample'
          ? cell.source.path.split('/').pop()!
          : '';
    default:
      return '';
  }
}

interface CellFrameProps {
  cell: Cell;
  index: number;
  count: number;
  children: ReactNode;
}

export function CellFrame({ cell, index, count, children }: CellFrameProps) {
  const shiftCellBy = useLab((s) => s.shiftCellBy);
  const duplicateCellById = useLab((s) => s.duplicateCellById);
  const deleteCellById = useLab((s) => s.deleteCellById);
  const heading = cellHeading(cell);
  return (
    <section
      className={`cell cell-${cell.kind}`}
      data-cell-id={cell.id}
      data-cell-kind={cell.kind}
      tabIndex={-1}
      aria-label={`${KIND_LABELS[cell.kind]} cell${heading ? `: ${heading}` : ''}`}
    >
      <header className="cell-header">
        <span className="cell-kind">{KIND_LABELS[cell.kind]}</span>
        {heading && <h2>{heading}</h2>}
        <div className="cell-tools" role="group" aria-label="Cell actions">
          <button
            type="button"
            onClick={() => shiftCellBy(cell.id, -1)}
            disabled={index === 0}
            aria-label="Move cell up"
            title="Move up (Alt+↑)"
          >
            ↑
          </button>
          <button
            type="button"
            onClick={() => shiftCellBy(cell.id, 1)}
            disabled={index === count - 1}
            aria-label="Move cell down"
            title="Move down (Alt+↓)"
          >
            ↓
          </button>
          <button
            type="button"
            onClick={() => duplicateCellById(cell.id)}
            aria-label="Duplicate cell"
            title="Duplicate"
          >
            Duplicate
          </button>
          <button
            type="button"
            onClick={() => deleteCellById(cell.id)}
            aria-label="Delete cell"
            title="Delete (undo with Ctrl+Z)"
          >
            Delete
          </button>
        </div>
      </header>
      {children}
    </section>
  );
}
