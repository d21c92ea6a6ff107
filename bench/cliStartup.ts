// CLI start-up: `tasklab --help` and a small `tasklab routing` through the prebuilt CLI (build/cli,
// what bin/tasklab.mjs runs after `npm ci`) vs the same commands through tsx from the TypeScript
// sources (what it runs when the build is missing or stale), beside a bare `node` start as the floor.
// Interleaved rounds; medians of wall time and, on Linux, of the child's CPU time (user + system, from
// /proc/self/stat), which a loaded machine inflates far less than wall time.
// Run: `npx tsx bench/cliStartup.ts`.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { median } from '../src/shared/stats.ts';

const ROUNDS = 9;
const FROM_SOURCE = `import('tsx/esm/api').then(({ register }) => { register(); return import('./src/cli/main.ts'); })
  .then(async ({ main }) => { process.exitCode = await main(process.argv.slice(1)); })`;

const COMMANDS: Record<string, string[]> = {
  '--help': ['--help'],
  'routing (sample trace)': ['routing', 'public/traces/sample-4x8-top2.tlrt'],
};

/** CPU seconds used by this process's waited-for children so far (cutime + cstime); NaN off Linux. */
function childCpuSeconds(): number {
  if (!existsSync('/proc/self/stat')) return NaN;
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100; // USER_HZ is 100 on Linux
}

function measure(args: string[]): { wall: number; cpu: number } {
  const [start, cpuStart] = [performance.now(), childCpuSeconds()];
  execFileSync('node', args, { stdio: 'ignore' });
  return { wall: (performance.now() - start) / 1000, cpu: childCpuSeconds() - cpuStart };
}

export function benchCliStartup(): void {
  execFileSync('node', ['scripts/build-cli.mjs'], { stdio: 'ignore' });
  console.log(`\nCLI start-up (median of ${ROUNDS} interleaved rounds: wall seconds / CPU seconds)`);
  for (const [label, args] of Object.entries(COMMANDS)) {
    const runs = {
      node: [['-e', '0']],
      built: [['bin/tasklab.mjs', ...args]],
      source: [['-e', FROM_SOURCE, '--', ...args]],
    };
    const times = Object.fromEntries(Object.keys(runs).map((k) => [k, [] as { wall: number; cpu: number }[]]));
    for (let round = 0; round < ROUNDS; round++)
      for (const [k, [argv]] of Object.entries(runs)) times[k].push(measure(argv));
    const [node, built, source] = ['node', 'built', 'source'].map((k) => ({
      wall: median(times[k].map((t) => t.wall)),
      cpu: median(times[k].map((t) => t.cpu)),
    }));
    const show = (t: { wall: number; cpu: number }) => `${t.wall.toFixed(2)} s / ${t.cpu.toFixed(2)} s`;
    console.log(
      `  tasklab ${label}: prebuilt ${show(built)}, from source (tsx) ${show(source)} ` +
        `(${(source.cpu / built.cpu).toFixed(1)}× the CPU); bare node ${show(node)}`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) benchCliStartup();
