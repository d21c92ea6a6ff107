// The prebuilt CLI (scripts/build-cli.mjs, run by `npm ci` as `prepare`) is what bin/tasklab.mjs
// starts: build it into a scratch folder at the same depth as build/cli and use it as a user would.
import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const OUT = 'build/cli-test';
const exec = promisify(execFile);
const RUN_BUILT = `import('./${OUT}/main.mjs').then(async ({ main }) => { process.exitCode = await main(process.argv.slice(1)); })`;

async function built(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    return { code: 0, ...(await exec('node', ['-e', RUN_BUILT, '--', ...args])) };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

beforeAll(async () => {
  await exec('node', ['scripts/build-cli.mjs', OUT]);
}, 120_000);
afterAll(() => rm(OUT, { recursive: true, force: true }));

describe('the prebuilt CLI', () => {
  it('lists the sources it was built from, for the bin to notice a stale build', async () => {
    const { builtAt, sources } = JSON.parse(await readFile(`${OUT}/sources.json`, 'utf8'));
    expect(builtAt).toBeLessThanOrEqual(Date.now());
    expect(sources).toEqual(
      expect.arrayContaining(['src/cli/main.ts', 'src/cli/run.ts', 'src/engine/run.ts', 'src/protocol/spec.ts']),
    );
    expect(sources.some((file: string) => file.includes('node_modules'))).toBe(false);
  });

  it('answers --help, analyses a trace, and words an error without a stack trace', async () => {
    const help = await built('--help');
    expect(help.code).toBe(0);
    for (const command of ['run', 'example', 'routing', 'group', 'branch', 'affinity'])
      expect(help.stdout).toContain(`tasklab ${command} `);

    const routing = await built('routing', 'public/traces/sample-4x8-top2.tlrt', '--segments', '4');
    expect(routing.code).toBe(0);
    expect(JSON.parse(routing.stdout)).toMatchObject({ numLayers: 4, numExperts: 8 });

    const missing = await built('run', 'no-such-spec.json');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('tasklab run: cannot read no-such-spec.json: no such file or folder (ENOENT)\n');
  });
});
