// A routing trace (.tlrt) dropped on the notebook, e.g. one an exported PyTorch MoE wrote with --trace,
// opens in a new trace cell after the last MoE language-model experiment (else at the end).
import { newCellId } from '../../notebook/index.ts';
import { useLab } from '../../store/index.ts';
import { traceSession } from './cells/traceSession.ts';

export const isTraceFile = (file: File) => file.name.endsWith('.tlrt');

export function openTraceFile(file: File): void {
  const store = useLab.getState();
  const cells = store.notebook.cells;
  const after = cells.findLastIndex((cell) => cell.kind === 'experiment' && cell.spec.model.kind === 'moe-lm');
  const id = newCellId();
  traceSession(id).file = { type: 'blob', blob: file, name: file.name };
  store.addCellAt(
    { id, kind: 'trace', source: { type: 'file', fileName: file.name, sizeBytes: file.size }, segments: [4, 16, 64] },
    after >= 0 ? after + 1 : cells.length,
  );
}
