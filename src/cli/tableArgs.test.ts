import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES } from '../shared/examples.ts';
import { main } from './main.ts';
import { specFromTableArgs } from './tableArgs.ts';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tasklab-table-'));
  const rows = Array.from({ length: 40 }, (_, i) => `${i / 10},${(i * 7) % 5},${(2 * i) / 10 + 1},${i % 3}`);
  await writeFile(join(dir, 'data.csv'), ['a,b,t1,t2', ...rows].join('\n'));
});

describe('tasklab run --data', () => {
  it('builds the planted example spec around the table', async () => {
    const { spec, tables } = await specFromTableArgs({
      data: join(dir, 'data.csv'),
      inputs: 'a,b',
      targets: 't1, t2',
      seed: '9',
      steps: '12',
    });
    const planted = EXAMPLES.planted.spec(9);
    expect(spec.dataset).toEqual({
      kind: 'table',
      table: 'data.csv',
      inputs: ['a', 'b'],
      targets: ['t1', 't2'],
      normalize: true,
    });
    expect(spec.model).toEqual(planted.model);
    expect(spec.training).toEqual({ ...planted.training, steps: 12 });
    expect(spec.seed).toBe(9);
    expect(tables['data.csv'].numRows).toBe(40);
  });

  it('writes per-task histories named after the target columns', async () => {
    const out = join(dir, 'out.json');
    const code = await main([
      'run',
      '--data',
      join(dir, 'data.csv'),
      '--inputs',
      'a,b',
      '--targets',
      't1,t2',
      '--steps',
      '6',
      '--out',
      out,
    ]);
    expect(code).toBe(0);
    const result = JSON.parse(await readFile(out, 'utf8'));
    expect(result.tasks).toEqual(['t1', 't2']);
    expect(result.backend).toBe('cpu');
    expect(result.history.t1.loss).toHaveLength(6);
    expect(Object.keys(result.final)).toEqual(['t1', 't2']);
  });

  it('names the problem in bad arguments', async () => {
    const args = { data: join(dir, 'data.csv'), inputs: 'a', targets: 't1' };
    await expect(specFromTableArgs({ ...args, data: join(dir, 'missing.csv') })).rejects.toThrow(
      /cannot read .*missing\.csv: no such file or folder \(ENOENT\)/,
    );
    await expect(specFromTableArgs({ ...args, targets: ' , ' })).rejects.toThrow(
      '--targets: expected a comma-separated list of column names',
    );
    await expect(specFromTableArgs({ ...args, steps: '0' })).rejects.toThrow(
      '--steps: expected an integer ≥ 1, got "0"',
    );
    await writeFile(join(dir, 'ragged.csv'), 'a,t1\n1,2\n3\n');
    await expect(specFromTableArgs({ ...args, data: join(dir, 'ragged.csv') })).rejects.toThrow(
      'ragged.csv: row 2 has 1 fields, expected 2 like the header',
    );
  });
});
