import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { groupCommand } from './group.ts';
import { parseMatrixCsv } from './matrixFile.ts';

const BLOCKS = [
  [1, 0.9, 0.1, 0],
  [0.9, 1, 0, 0.2],
  [0.1, 0, 1, 0.8],
  [0, 0.2, 0.8, 1],
];

async function run(name: string, content: string, args: string[]) {
  const dir = await mkdtemp(join(tmpdir(), 'tasklab-group-'));
  await writeFile(join(dir, name), content);
  const out = join(dir, 'out.json');
  await groupCommand([join(dir, name), ...args, '--out', out]);
  return JSON.parse(await readFile(out, 'utf8'));
}

describe('tasklab group', () => {
  it('writes exactly assignment, groups, objective, seconds, for every method and input form', async () => {
    const forms: [string, string][] = [
      ['m.json', JSON.stringify({ matrix: BLOCKS, tasks: ['a', 'b', 'c', 'd'] })],
      ['bare.json', JSON.stringify(BLOCKS)],
      ['m.csv', `a,b,c,d\n${BLOCKS.map((r) => r.join(',')).join('\n')}\n`],
      ['noheader.csv', BLOCKS.map((r) => r.join(',')).join('\r\n')],
    ];
    for (const [name, content] of forms) {
      for (const method of ['sdp', 'exhaustive', 'spectral']) {
        const out = await run(name, content, ['--k', '2', '--method', method]);
        expect(Object.keys(out)).toEqual(['assignment', 'groups', 'objective', 'seconds']);
        expect(out.assignment).toEqual([0, 0, 1, 1]);
        expect(out.groups).toEqual([
          [0, 1],
          [2, 3],
        ]);
        // (1 + 0.9 + 0.9 + 1)/2 + (1 + 0.8 + 0.8 + 1)/2
        expect(out.objective).toBeCloseTo(3.7, 12);
      }
    }
  });

  it('uses the matrix as given (not symmetrised) for the objective', async () => {
    const out = await run(
      'a.json',
      JSON.stringify([
        [0, 3],
        [1, 0],
      ]),
      ['--k', '1'],
    );
    expect(out.objective).toBe(2);
  });

  it('names bad input', async () => {
    await expect(run('m.json', JSON.stringify(BLOCKS), ['--k', '5'])).rejects.toThrow(/k = 5 is out of range/);
    await expect(run('m.json', JSON.stringify(BLOCKS), ['--k', 'two'])).rejects.toThrow(/--k: expected an integer/);
    await expect(
      run(
        'm.json',
        JSON.stringify([
          [1, 2, 3],
          [4, 5, 6],
        ]),
        ['--k', '1'],
      ),
    ).rejects.toThrow(/not square/);
    await expect(run('m.json', JSON.stringify({ matrix: BLOCKS, tasks: ['a'] }), ['--k', '1'])).rejects.toThrow(
      /1 task names for a 4×4/,
    );
    await expect(run('m.csv', '1,2\n3,NaN\n', ['--k', '1'])).rejects.toThrow(/line 2, column 2: "NaN" is not a number/);
    await expect(run('m.json', JSON.stringify(BLOCKS), ['--k', '2', '--method', 'magic'])).rejects.toThrow(/--method/);
  });

  it('parses CSV with or without a header row', () => {
    expect(parseMatrixCsv('x,y\n1,2\n3,4\n', 'f.csv')).toEqual({
      rows: [
        [1, 2],
        [3, 4],
      ],
      tasks: ['x', 'y'],
    });
    expect(parseMatrixCsv('1,2\n\n3,4', 'f.csv')).toEqual({
      rows: [
        [1, 2],
        [3, 4],
      ],
      tasks: undefined,
    });
  });
});
