// Notebooks used by the tests: every cell kind and every dataset source, including a table too big
// for a link. Kept outside the test files so fixtures can be regenerated from the same content.
import { ExperimentSpec } from '../protocol/index.ts';
import { defaultNotebook } from './defaultNotebook.ts';
import type { Notebook } from './schema.ts';

export function richNotebook(bigRows = 0): Notebook {
  const base = defaultNotebook(7);
  const small = {
    columns: ['x1', 'x2', 'y1', 'y2'],
    rows: [
      [0.5, 'a', 1, null],
      [1.5, 'b', 2, 3.25],
      [-2, 'a', 0.5, 4],
    ],
  };
  const big = { columns: ['u', 'v'], rows: Array.from({ length: bigRows }, (_, i) => [i, Math.sin(i)]) };
  return {
    title: 'Every cell kind <script>alert(1)</script>',
    cells: [
      ...base.cells,
      {
        id: 'data-small',
        kind: 'dataset',
        name: 'small',
        title: 'A small table',
        source: { type: 'inline', fileName: 'small.csv', table: small },
        roles: { inputs: ['x1', 'x2'], targets: ['y1', 'y2'] },
      },
      { id: 'data-cars', kind: 'dataset', name: 'cars', source: { type: 'builtin', name: 'cars' } },
      { id: 'data-big', kind: 'dataset', name: 'big', source: { type: 'inline', fileName: 'big.csv', table: big } },
      {
        id: 'data-gone',
        kind: 'dataset',
        name: 'gone',
        source: {
          type: 'external',
          fileName: 'huge.parquet',
          sizeBytes: 52_428_800,
          numRows: 1_000_000,
          columns: ['a', 'b'],
        },
      },
      {
        id: 'exp-small',
        kind: 'experiment',
        title: 'On the small table',
        spec: ExperimentSpec.parse({
          name: 'small',
          seed: 3,
          dataset: { kind: 'table', table: 'small', inputs: ['x1', 'x2'], targets: ['y1', 'y2'] },
        }),
      },
      { id: 'view-run', kind: 'view', chart: 'metrics', source: { type: 'run', runId: 'run-2026-11-23-1' } },
      { id: 'cmp', kind: 'compare', title: 'Seeds', runIds: ['run-a', 'run-b', 'run-c'], metric: 'score' },
      {
        id: 'trace-sample',
        kind: 'trace',
        source: { type: 'sample', path: 'traces/sample-4x8-top2.tlrt' },
        segments: [4, 16, 64],
      },
      {
        id: 'trace-file',
        kind: 'trace',
        title: 'Real model',
        source: { type: 'file', fileName: 'mixtral-layer-trace.tlrt', sizeBytes: 123_456_789 },
        segments: [2, 8, 32, 128],
      },
      { id: 'trace-empty', kind: 'trace', segments: [16] },
      { id: 'notes', kind: 'markdown', text: 'Ünïcödé ✓ and math $\\sum_i L_i$ and <img src=x onerror=alert(1)>' },
    ],
  };
}
