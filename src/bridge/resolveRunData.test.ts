import { describe, expect, it } from 'vitest';
import type { DatasetSource, Notebook } from '../notebook/index.ts';
import { tableExperimentSpec } from '../notebook/datasets.ts';
import type { TableFiles } from '../store/tableFiles.ts';
import { resolveRunData } from './resolveRunData.ts';

const bytes = new TextEncoder().encode('x,y\n1,2\n').buffer as ArrayBuffer;
const files = (stored: Record<string, { fileName: string; bytes: ArrayBuffer }>): TableFiles => ({
  save: async () => undefined,
  load: async (name, fileName) =>
    stored[name] && (!fileName || stored[name].fileName === fileName) ? { ...stored[name], savedAt: 0 } : undefined,
});

const notebookWith = (source: DatasetSource): Notebook => ({
  title: 't',
  cells: [{ id: 'd', kind: 'dataset', name: 'big', source, roles: { inputs: ['x'], targets: ['y'] } }],
});

const spec = tableExperimentSpec(
  'big',
  { inputs: ['x'], targets: ['y'] },
  { normalize: true, validationFraction: 0.2 },
);

describe('resolveRunData', () => {
  it('embeds inline rows in the spec and sends no files', async () => {
    const table = { columns: ['x', 'y'], rows: [[1, 2]] };
    const data = await resolveRunData(spec, notebookWith({ type: 'inline', table }), files({}));
    expect(data).toEqual({ ok: true, spec: { ...spec, dataset: { ...spec.dataset, table } }, tables: {} });
  });

  it('sends a stored external file under the dataset name', async () => {
    const data = await resolveRunData(
      spec,
      notebookWith({ type: 'external', fileName: 'big.csv' }),
      files({ big: { fileName: 'big.csv', bytes } }),
    );
    expect(data).toEqual({ ok: true, spec, tables: { big: { fileName: 'big.csv', bytes } } });
  });

  it('asks for the file when this browser does not have it (or has another file under the name)', async () => {
    const data = await resolveRunData(
      spec,
      notebookWith({ type: 'external', fileName: 'big.csv' }),
      files({ big: { fileName: 'other.csv', bytes } }),
    );
    expect(data.ok).toBe(false);
    expect(!data.ok && data.error).toMatch(/needs its file "big.csv" again.*drop "big.csv" on the dataset cell "big"/);
  });
});
