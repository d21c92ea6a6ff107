import fc from 'fast-check';
import { gzipSync } from 'fflate';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { expectResult, FUZZ_RUNS, mutatedBytes } from '../../../testing/fuzz.ts';
import { parseTableFile } from './parseFile.ts';
import { parseParquet } from './parquet.ts';
import { cellAt } from './table.ts';

const sample = () =>
  parquetWriteBuffer({
    columnData: [
      { name: 'x', data: [1.5, 2, null, 4], type: 'DOUBLE' },
      { name: 'count', data: [1n, 2n, 3n, 4n], type: 'INT64' },
      { name: 'label', data: ['a', 'b', 'a', null], type: 'STRING' },
    ],
  });

describe('Parquet', () => {
  it('reads flat columns written by another library (hyparquet-writer)', async () => {
    const result = await parseParquet(sample(), 'data.parquet');
    if (!result.ok) throw new Error(result.error);
    const { table } = result;
    expect(table.numRows).toBe(4);
    expect(table.columns.map((c) => [c.name, c.type, c.missing])).toEqual([
      ['x', 'number', 1],
      ['count', 'number', 0],
      ['label', 'text', 1],
    ]);
    expect([0, 3].map((r) => table.columns.map((c) => cellAt(c, r)))).toEqual([
      [1.5, 1, 'a'],
      [4, 4, null],
    ]);
  });

  it('keeps row order across several row groups and pages', async () => {
    const n = 1000;
    const bytes = parquetWriteBuffer({
      columnData: [
        { name: 'i', data: Array.from({ length: n }, (_, i) => i), type: 'INT32' },
        { name: 'half', data: Array.from({ length: n }, (_, i) => i / 2), type: 'DOUBLE' },
      ],
      rowGroupSize: 300,
      pageSize: 512,
    });
    const result = await parseParquet(bytes, 'groups.parquet');
    if (!result.ok) throw new Error(result.error);
    expect(result.table.numRows).toBe(n);
    expect(Array.from(result.table.columns[0].numbers)).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(result.table.columns[1].numbers[999]).toBe(499.5);
  });

  it('reads gzip-compressed files', async () => {
    const bytes = parquetWriteBuffer({
      columnData: [{ name: 'v', data: Array.from({ length: 500 }, (_, i) => i % 7), type: 'DOUBLE' }],
      codec: 'GZIP',
      compressors: { GZIP: (input) => gzipSync(input) },
    });
    const result = await parseParquet(bytes, 'gz.parquet');
    if (!result.ok) throw new Error(result.error);
    expect(result.table.columns[0].numbers[499]).toBe(499 % 7);
  });

  it('refuses damaged files with a message', async () => {
    const bytes = new Uint8Array(sample());
    const cut = await parseParquet(bytes.slice(0, bytes.length - 10).buffer, 'data.parquet');
    expect(!cut.ok && cut.error).toMatch(/^data\.parquet is not a readable Parquet file: /);
    const renamed = await parseTableFile('data.csv', bytes);
    expect(!renamed.ok && renamed.error).toBe('"data.csv" is a Parquet file with a .csv name; rename it to .parquet');
  });

  it(`never throws on ${FUZZ_RUNS} random and mutated files; rejections have messages`, async () => {
    const valid = new Uint8Array(sample());
    const grouped = new Uint8Array(
      parquetWriteBuffer({
        columnData: [
          { name: 'x', data: [1.5, 2, null, 4, 5, 6, 7], type: 'DOUBLE' },
          { name: 'label', data: ['a', 'b', 'a', null, 'c', 'c', 'c'], type: 'STRING' },
        ],
        rowGroupSize: 3,
        codec: 'GZIP',
        compressors: { GZIP: (input) => gzipSync(input) },
      }),
    );
    const input = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      mutatedBytes(valid),
      mutatedBytes(valid),
      mutatedBytes(grouped),
    );
    await fc.assert(
      fc.asyncProperty(input, async (bytes) => {
        const result = await parseTableFile('data.parquet', bytes);
        expectResult(result);
        if (result.ok) for (const c of result.table.columns) expect(c.numbers.length).toBe(result.table.numRows);
      }),
      { numRuns: FUZZ_RUNS },
    );
  }, 120_000);
});
