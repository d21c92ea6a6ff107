import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { MAX_TABLE_FILE_BYTES, type ParseTableProgress } from '../../protocol/jobs.ts';
import { BUILTIN_DATASETS } from '../../notebook/datasets.ts';
import { BUILTIN_TABLES } from '../data/table/builtin.ts';
import { TABLE_LIMITS } from '../data/table/table.ts';
import { parseTableJob } from './parseTable.ts';

const file = (fileName: string, text: string) => ({
  type: 'file' as const,
  fileName,
  bytes: new TextEncoder().encode(text).buffer as ArrayBuffer,
});

describe('parseTable job', () => {
  it('reports how much of a big CSV it has parsed (a 4 MB file: about every megabyte)', async () => {
    const text = `a,b\n${'123456,654321\n'.repeat(300_000)}`;
    const updates: ParseTableProgress[] = [];
    const result = await parseTableJob(
      { source: file('big.csv', text) },
      { progress: (update) => updates.push(update) },
    );
    expect(result.ok).toBe(true);
    expect(updates.length).toBeGreaterThanOrEqual(3);
    expect(updates.length).toBeLessThanOrEqual(5);
    expect(updates.every((u) => u.total === text.length && u.unit === 'characters')).toBe(true);
    const done = updates.map((u) => u.done);
    expect(done).toEqual([...done].sort((x, y) => x - y));
    expect(done[0]).toBeGreaterThanOrEqual(1 << 20);
    expect(done[done.length - 1]).toBeLessThanOrEqual(text.length);
  });

  it('reports how much of a big JSON file it has parsed, and reads every record', async () => {
    const records = Array.from({ length: 60_000 }, (_, i) => ({ id: i, label: `r "${i}", [x]`, v: i / 3 }));
    const text = JSON.stringify(records); // ≈ 3 MB
    const updates: ParseTableProgress[] = [];
    const result = await parseTableJob({ source: file('big.json', text) }, { progress: (u) => updates.push(u) });
    if (!result.ok) throw new Error(result.error);
    expect(result.preview.numRows).toBe(records.length);
    expect(result.preview.rows[3]).toEqual([3, 'r "3", [x]', 1]);
    expect(updates.length).toBeGreaterThanOrEqual(3);
    expect(updates.every((u) => u.total === text.length && u.unit === 'characters')).toBe(true);
    const done = updates.map((u) => u.done);
    expect(done).toEqual([...done].sort((x, y) => x - y));
    expect(done.at(-1)).toBe(text.length);
  });

  it('reports rows read after each Parquet row group', async () => {
    const n = 1000;
    const bytes = parquetWriteBuffer({
      columnData: [{ name: 'i', data: Array.from({ length: n }, (_, i) => i), type: 'INT32' }],
      rowGroupSize: 300,
    });
    const updates: ParseTableProgress[] = [];
    const result = await parseTableJob(
      { source: { type: 'file', fileName: 'g.parquet', bytes } },
      { progress: (u) => updates.push(u) },
    );
    expect(result.ok && result.preview.numRows).toBe(n);
    expect(updates).toEqual([300, 600, 900, 1000].map((done) => ({ done, total: n, unit: 'rows' })));
  });

  it('previews a CSV with inferred types and embeds it when small', async () => {
    const result = await parseTableJob({ source: file('d.csv', 'x,g,y\n1,a,2\n3,b,\n5,a,6\n'), inlineLimit: 1000 });
    if (!result.ok) throw new Error(result.error);
    expect(result.preview.numRows).toBe(3);
    expect(result.preview.columns.map((c) => [c.name, c.type, c.missing])).toEqual([
      ['x', 'number', 0],
      ['g', 'text', 0],
      ['y', 'number', 1],
    ]);
    expect(result.preview.columns[0]).toMatchObject({ min: 1, max: 5, mean: 3 });
    expect(result.preview.columns[1].distinct).toBe(2);
    expect(result.inline).toEqual({
      columns: ['x', 'g', 'y'],
      rows: [
        [1, 'a', 2],
        [3, 'b', null],
        [5, 'a', 6],
      ],
    });
    expect(result.inlineChars).toBe(JSON.stringify(result.inline).length);
  });

  it('does not embed a table beyond the limit', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => `${i},${i * 2}`).join('\n');
    const result = await parseTableJob({ source: file('big.csv', `a,b\n${rows}`), inlineLimit: 500 });
    expect(result.ok && result.inline).toBe(undefined);
    expect(result.ok && result.preview.rows.length).toBe(20);
  });

  it('names the row of a ragged CSV and the problem of a wrong extension', async () => {
    const ragged = await parseTableJob({ source: file('r.csv', 'a,b\n1,2\n3,4,5\n') });
    expect(ragged).toEqual({ ok: false, error: expect.stringMatching(/row 2 has 3 fields, expected 2/) });
    const wrong = await parseTableJob({ source: file('r.xlsx', 'a,b\n1,2\n') });
    expect(wrong).toEqual({ ok: false, error: expect.stringMatching(/unsupported file type/) });
  });

  it('reports a mixed column with the rows at fault', async () => {
    const result = await parseTableJob({ source: file('m.csv', 'a,b\n1,2\nfoo,3\n') });
    if (!result.ok) throw new Error(result.error);
    expect(result.preview.columns[0].typeNote).toBe('mixes numbers and text (row 1 holds a number, row 2 holds "foo")');
  });

  it('previews built-in and inline tables', async () => {
    const cars = await parseTableJob({ source: { type: 'builtin', name: 'cars' } });
    expect(cars.ok && cars.preview.numRows).toBe(406);
    const missing = await parseTableJob({ source: { type: 'builtin', name: 'nope' } });
    expect(missing.ok).toBe(false);
    const inline = await parseTableJob({
      source: { type: 'inline', name: 't', table: { columns: ['a'], rows: [[1], [2]] } },
    });
    expect(inline.ok && inline.preview.columns[0].mean).toBe(1.5);
  });
});

describe('shared constants agree with the engine', () => {
  it('file size limit and built-in roles', () => {
    expect(MAX_TABLE_FILE_BYTES).toBe(TABLE_LIMITS.maxBytes);
    expect(Object.keys(BUILTIN_DATASETS).sort()).toEqual(Object.keys(BUILTIN_TABLES).sort());
    for (const [name, builtin] of Object.entries(BUILTIN_DATASETS))
      expect(builtin.roles).toEqual(BUILTIN_TABLES[name].roles);
  });
});
