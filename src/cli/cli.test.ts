import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from './testing.ts';

let dir: string;
beforeAll(async () => {
  dir = await tempDir('cli');
});

describe('tasklab CLI', () => {
  it('example planted writes a valid spec, with the seed applied', async () => {
    const out = join(dir, 'planted.json');
    expect((await runCli('example', 'planted', '--seed', '9', '--out', out)).code).toBe(0);
    const spec = JSON.parse(await readFile(out, 'utf8'));
    expect(spec).toMatchObject({
      seed: 9,
      dataset: { kind: 'planted', numTasks: 8 },
      model: { kind: 'shared-bottom' },
    });
  });

  it('run trains a spec headless and writes per-task loss histories', async () => {
    const specPath = join(dir, 'small.json');
    await writeFile(
      specPath,
      JSON.stringify({ dataset: { kind: 'planted', numTasks: 3, numSamples: 256 }, training: { steps: 40 } }),
    );
    const out = join(dir, 'result.json');
    expect((await runCli('run', specPath, '--backend', 'cpu', '--out', out)).code).toBe(0);
    const result = JSON.parse(await readFile(out, 'utf8'));
    expect(result.tasks).toEqual(['task0', 'task1', 'task2']);
    expect(result.backend).toBe('cpu');
    expect(result.steps).toBe(40);
    for (const name of result.tasks) {
      const loss: number[] = result.history[name].loss;
      expect(loss).toHaveLength(40);
      expect(loss.at(-1)).toBeLessThan(loss[0]);
      expect(result.final[name]).toHaveProperty('validationLoss');
    }
  });

  it("affinity takes a user's table: task names are the target columns, no planted groups", async () => {
    const csv = join(dir, 'table.csv');
    const rows = Array.from({ length: 120 }, (_, i) => {
      const a = Math.sin(i),
        b = Math.cos(3 * i);
      return [a, b, a + b, a - b, a * b].map((v) => v.toFixed(4)).join(',');
    });
    await writeFile(csv, ['a,b,sum,diff,prod', ...rows].join('\n'));
    const out = join(dir, 'affinity.json');
    const args = [
      'affinity',
      '--data',
      csv,
      '--inputs',
      'a,b',
      '--targets',
      'sum,diff,prod',
      '--steps',
      '30',
      '--method',
      'cosine',
      '--out',
      out,
    ];
    expect((await runCli(...args)).code).toBe(0);
    const result = JSON.parse(await readFile(out, 'utf8'));
    expect(result.tasks).toEqual(['sum', 'diff', 'prod']);
    expect(result.matrix).toHaveLength(3);
    expect(result.method).toBe('cosine');
    expect(result).not.toHaveProperty('plantedGroups');
  });

  it('rejects bad input with a message and a non-zero exit code', async () => {
    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ training: { learningRate: 'fast' } }));
    const badSpec = await runCli('run', bad);
    expect(badSpec.code).not.toBe(0);
    expect(badSpec.stderr).toMatch(/training\.learningRate/);

    const notJson = join(dir, 'broken.json');
    await writeFile(notJson, '{ "training": ');
    expect((await runCli('run', notJson)).stderr).toMatch(/broken\.json is not valid JSON/);
    expect((await runCli('run', join(dir, 'missing.json'))).stderr).toMatch(
      /cannot read .*missing\.json: no such file or folder \(ENOENT\)/,
    );
    expect((await runCli('example', 'nope')).stderr).toMatch(/unknown example "nope"/);
    expect((await runCli('frobnicate')).code).toBe(2);
  });

  it('runs as the installed `tasklab` binary', async () => {
    const { stdout } = await promisify(execFile)('node', ['bin/tasklab.mjs', 'example']);
    expect(JSON.parse(stdout).map((e: { name: string }) => e.name)).toContain('planted');
  });
});
