// `tasklab run --categories`: HoME's meta-categories from `tasklab group`'s output, end to end, and the
// refusals (wrong model kind, wrong length, not a grouping) with messages that name the problem.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from './testing.ts';

const home = { kind: 'home', expertHidden: 4, expertOutput: 4, towerHidden: 4 };
const spec = (model: object) => ({
  seed: 2,
  dataset: { kind: 'planted', numTasks: 4, numGroups: 2, inputDim: 4, numSamples: 128 },
  model,
  training: { steps: 3, batchSize: 16 },
});
// Tasks 0 and 3 alike, 1 and 2 alike: SDP groups them as {0, 3}, {1, 2}.
const AFFINITY = [
  [1, 0, 0.1, 0.9],
  [0, 1, 0.8, 0.1],
  [0.1, 0.8, 1, 0],
  [0.9, 0.1, 0, 1],
];

let dir: string;
const file = async (name: string, value: unknown) => {
  await writeFile(join(dir, name), JSON.stringify(value));
  return join(dir, name);
};
beforeAll(async () => {
  dir = await tempDir('categories');
});

describe('tasklab run --categories', () => {
  it("takes HoME's meta-categories from tasklab group's SDP groups", async () => {
    const groups = join(dir, 'groups.json');
    expect((await runCli('group', await file('affinity.json', AFFINITY), '--k', '2', '--out', groups)).code).toBe(0);
    const out = join(dir, 'run.json');
    const result = await runCli(
      'run',
      await file('home.json', spec(home)),
      '--categories',
      groups,
      '--out',
      out,
      '--backend',
      'cpu',
    );
    expect(result.stderr).toBe('');
    const experts = JSON.parse(await readFile(out, 'utf8')).health.layers[0].experts as {
      name: string;
      owners: string[];
    }[];
    const owners = (name: string) => experts.find((e) => e.name === name)!.owners;
    expect(owners('category 0')).toEqual(['task0', 'task3']);
    expect(owners('category 1')).toEqual(['task1', 'task2']);
  });

  it('refuses other model kinds, a wrong number of categories and a file that is not a grouping', async () => {
    const groups = await file('bare.json', [0, 1, 1, 0]);
    const mmoe = await runCli(
      'run',
      await file('mmoe.json', spec({ kind: 'mmoe', expertHidden: 4, expertOutput: 4, towerHidden: 4 })),
      '--categories',
      groups,
    );
    expect(mmoe.code).not.toBe(0);
    expect(mmoe.stderr).toContain('only a HoME model');
    const short = await runCli(
      'run',
      await file('home2.json', spec(home)),
      '--categories',
      await file('three.json', [0, 1, 1]),
    );
    expect(short.code).not.toBe(0);
    expect(short.stderr).toContain('3 categories for 4 tasks');
    const wrong = await runCli(
      'run',
      await file('home3.json', spec(home)),
      '--categories',
      await file('wrong.json', {
        groups: [
          [0, 3],
          [1, 2],
        ],
      }),
    );
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain('expected the output of "tasklab group"');
    const negative = await runCli(
      'run',
      await file('home4.json', spec(home)),
      '--categories',
      await file('neg.json', [0, -1, 1, 0]),
    );
    expect(negative.stderr).toContain('entry 1 is -1');
  });
});
