// Which component draws each kind of cell.
import type { Cell } from '../../notebook/index.ts';
import { ExperimentCellView } from './cells/ExperimentCellView.tsx';
import { MarkdownCellView } from './cells/MarkdownCellView.tsx';
import { TraceCellView } from './cells/TraceCellView.tsx';
import { ViewCellView } from './cells/ViewCellView.tsx';

export function CellBody({ cell }: { cell: Cell }) {
  switch (cell.kind) {
    case 'markdown':
      return <MarkdownCellView cell={cell} />;
    case 'experiment':
      return <ExperimentCellView cell={cell} />;
    case 'view':
      return <ViewCellView cell={cell} />;
    case 'dataset':
      return <p className="muted">Dataset “{cell.name}” ({cell.source.type}).</p>;
    case 'compare':
      return <p className="muted">Compares {cell.runIds.length} runs.</p>;
    case 'trace':
      return <TraceCellView cell={cell} />;
  }
}
