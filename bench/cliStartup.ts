// CLI start-up: `tasklab --help` and a small `tasklab routing` through the prebuilt CLI (build/cli,
// what bin/tasklab.mjs runs after `npm ci`) vs the same commands through tsx from the TypeScript
// sources (what it runs when the build is missing or stale), beside a bare `node` start as the floor.
// Interleaved rounds, medians of wall time. Run: `npx tsx bench/cliStartup.ts`.
import { execFileSync } from 'node:child_process';

const ROUNDS = 9;
const FROM_SOURCE = `import('tsx/esm/api').then(({ register }) => { register(); return import('./src/cli/main.ts'); })
  .then(async ({ main }) => { process.exitCode = await main(process.argv.slice(1)); })`;

const COMMANDS: Record<string, string[]> = {
  '--help': ['--help'],
  'routing (sample trace)': ['routing', 'public/traces/sample-4x8-top2.tlrt'],
};

function seconds(args: string[]): number {
  const start = performance.now();
  execFileSync('node', args, { stdio: 'ignore' });
  return (performance.now() - start) / 1000;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export function benchCliStartup(): void {
  execFileSync('node', ['scripts/build-cli.mjs'], { stdio: 'ignore' });
  console.log(`\nCLI start-up (median of ${ROUNDS} interleaved rounds, wall seconds)`);
  for (const [label, args] of Object.entries(COMMANDS)) {
    const times = { node: [] as number[], built: [] as number[], source: [] as number[] };
    for (let round = 0; round < ROUNDS; round++) {
      times.node.push(seconds(['-e', '0']));
      times.built.push(seconds(['bin/tasklab.mjs', ...args]));
      times.source.push(seconds(['-e', FROM_SOURCE, '--', ...args]));
    }
    const [node, built, source] = [median(times.node), median(times.built), median(times.source)];
    console.log(
      `  tasklab ${label}: prebuilt ${built.toFixed(2)} s, from source (tsx) ${source.toFixed(2)} s ` +
        `(${(source / built).toFixed(1)}× slower); bare node ${node.toFixed(2)} s`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) benchCliStartup();
