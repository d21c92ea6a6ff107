// The export job's progress (reading the table file, then one message per file zipped) and a zip that
// unzips to exactly the project's files; a bad table file fails with a message naming the dataset.
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { ExportProgress } from '../../protocol/jobs.ts';
import { parseSpec } from '../../protocol/index.ts';
import { exportProjectJob, zipFiles } from './exportProject.ts';

const templates = { multitask: '# multitask\n', gnn: '# gnn\n', moeLm: '# moe-lm\n', trace: '# trace\n' };

function tableSpec() {
  const parsed = parseSpec({
    name: 'Big table',
    seed: 1,
    dataset: { kind: 'table', table: 'big', inputs: ['x'], targets: ['y', 'z'] },
    model: { kind: 'shared-bottom', hidden: [8], activation: 'relu' },
    training: { steps: 5, batchSize: 8 },
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('; '));
  return parsed.spec;
}

const csv = (rows: number) =>
  ['x,y,z', ...Array.from({ length: rows }, (_, i) => `${i / rows},${(2 * i) / rows},${i % 7}`)].join('\n');

describe('exportProject job', () => {
  it('reports reading the table, then each file zipped; the zip holds every file', async () => {
    const text = csv(150_000); // ≈ 4 MB: a few reading reports
    const updates: ExportProgress[] = [];
    const result = await exportProjectJob(
      {
        spec: tableSpec(),
        tables: { big: { fileName: 'big.csv', bytes: new TextEncoder().encode(text).buffer as ArrayBuffer } },
      },
      { signal: new AbortController().signal, progress: (p) => updates.push(p), pythonTemplates: templates },
    );
    const reading = updates.filter((u) => u.stage === 'reading');
    const zipping = updates.filter((u) => u.stage === 'zipping');
    expect(reading.length).toBeGreaterThanOrEqual(3);
    expect(reading.every((u) => u.fileName === 'big.csv' && u.unit === 'characters' && u.total === text.length)).toBe(
      true,
    );
    const files = unzipSync(result.zip);
    const names = Object.keys(files);
    expect(result.fileName).toBe('big-table-pytorch.zip');
    expect(names).toContain('big-table-pytorch/train.py');
    expect(strFromU8(files['big-table-pytorch/train.py'])).toBe('# multitask\n');
    expect(zipping.map((u) => u.done)).toEqual(names.map((_, i) => i + 1));
    expect(zipping.every((u) => u.total === names.length)).toBe(true);
    // Progress comes in order: all reading before any zipping.
    expect(updates.findIndex((u) => u.stage === 'zipping')).toBe(reading.length);
  });

  it('fails with a message naming the dataset and the file', async () => {
    const bytes = new TextEncoder().encode('x,y,z\n1,2\n').buffer as ArrayBuffer;
    await expect(
      exportProjectJob(
        { spec: tableSpec(), tables: { big: { fileName: 'big.csv', bytes } } },
        { signal: new AbortController().signal, progress: () => {}, pythonTemplates: templates },
      ),
    ).rejects.toThrow(/^dataset "big": big\.csv: row 1 has 2 fields, expected 3/);
  });
});

describe('zipFiles', () => {
  it('round-trips through unzip, one progress call per file', () => {
    const calls: number[] = [];
    const entries = [
      { path: 'a/one.txt', bytes: new TextEncoder().encode('one '.repeat(1000)) },
      { path: 'a/b/two.bin', bytes: Uint8Array.from({ length: 5000 }, (_, i) => (i * 31) % 256) },
      { path: 'a/empty', bytes: new Uint8Array(0) },
    ];
    const files = unzipSync(zipFiles(entries, (done) => calls.push(done)));
    expect(Object.keys(files)).toEqual(entries.map((e) => e.path));
    for (const { path, bytes } of entries) expect(files[path]).toEqual(bytes);
    expect(calls).toEqual([1, 2, 3]);
  });
});
