// Which component draws each kind of cell.
import type { Cell } from '../../notebook/index.ts';
import { CompareCellView } from './cells/CompareCellView.tsx';
import { DatasetCellView } from './cells/DatasetCellView.tsx';
import { ExperimentCellView } from './cells/ExperimentCellView.tsx';
import { MarkdownCellView } from './cells/MarkdownCellView.tsx';
import { TraceCellView } from './cells/TraceCellView.tsx';
import { ViewCellView } from './cells/ViewCellView.tsx';
import { SweepCellView } from '../sweep/SweepCellView.tsx';

export function CellBody({ cell }: { cell: Cell }) {
  switch (cell.kind) {
    case 'markdown':
      return <MarkdownCellView cell={cell} />;
    case 'experiment':
      return <ExperimentCellView cell={cell} />;
    case 'view':
      return <ViewCellView cell={cell} />;
    case 'dataset':
      return <DatasetCellView cell={cell} />;
    case 'compare':
      return <CompareCellView cell={cell} />;
    case 'trace':
      return <TraceCellView cell={cell} />;
    case 'sweep':
      return <SweepCellView cell={cell} />;
  }
}
