import { describe, expect, it } from 'vitest';
import { formatOf, parseTableFile } from './parseFile.ts';
import { TABLE_LIMITS } from './table.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('parseTableFile', () => {
  it('picks the parser by extension', async () => {
    expect(formatOf('A.CSV')).toBe('csv');
    expect(formatOf('x.tsv')).toBe('tsv');
    expect(formatOf('x.tasklab.json')).toBe('json');
    const tsv = await parseTableFile('d.tsv', bytes('a\tb\n1\t2\n'));
    expect(tsv.ok && tsv.table.columns.length).toBe(2);
    const json = await parseTableFile('d.json', bytes('[{"a": 1}]'));
    expect(json.ok && json.table.numRows).toBe(1);
    const bom = await parseTableFile('d.csv', bytes('\ufeffa,b\n1,2\n'));
    expect(bom.ok && bom.table.columns[0].name).toBe('a');
  });

  it('reads UTF-16 text by its byte-order mark (spreadsheets\' "Unicode text")', async () => {
    const le = new Uint8Array(Buffer.from('\ufeffnom,y\nZoë,2\n', 'utf16le'));
    const be = new Uint8Array(Buffer.from(le).swap16());
    for (const utf16 of [le, be]) {
      const result = await parseTableFile('u.csv', utf16);
      expect(result.ok && result.table.columns.map((c) => c.name)).toEqual(['nom', 'y']);
      expect(result.ok && result.table.columns[0].texts).toEqual(['Zoë']);
    }
    const noMark = await parseTableFile('u.csv', new Uint8Array(Buffer.from('a,b\n1,2\n', 'utf16le')));
    expect(noMark.ok || noMark.error).toMatch(/NUL bytes.*UTF-16 text needs a byte-order mark/);
  });

  it('refuses wrong extensions and files over the size limit, by name', async () => {
    expect(await parseTableFile('sheet.xlsx', bytes('a'))).toEqual({
      ok: false,
      error:
        'cannot read "sheet.xlsx": unsupported file type; expected one of .csv, .txt, .tsv, .tab, .json, .parquet, .pq',
    });
    expect((await parseTableFile('noext', bytes('a'))).ok).toBe(false);
    const huge = new Uint8Array(TABLE_LIMITS.maxBytes + 1);
    expect(await parseTableFile('big.csv', huge)).toEqual({
      ok: false,
      error: '"big.csv" is 100.0 MB, more than the limit of 100 MB',
    });
  });
});
