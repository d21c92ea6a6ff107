// Builds the CLI once into build/cli/ (ES modules for Node; packages stay in node_modules), so
// `bin/tasklab.mjs` starts without compiling TypeScript. `npm ci` runs this as the `prepare` script;
// run it by hand with `npm run build:cli` (an argument other than build/cli is for tests). build/cli/sources.json lists the source files bundled and
// the build time: the bin runs the sources through tsx instead when any of them is newer.
// build/cli sits as deep as src/cli so `new URL('../../public/…', import.meta.url)` finds the same folder.
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';

const OUT = process.argv[2] ?? 'build/cli';
let build;
try {
  ({ build } = await import('vite'));
} catch {
  // `npm ci --omit=dev` has no vite; the bin then runs the sources through tsx (a dependency).
  console.warn('tasklab: vite is not installed, so the CLI is not prebuilt; it will run from its TypeScript sources');
  process.exit(0);
}
const builtAt = Date.now();
const result = await build({
  configFile: false,
  publicDir: false,
  logLevel: 'warn',
  build: {
    ssr: true,
    outDir: OUT,
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    rolldownOptions: {
      // layerWorker is the worker-thread entry that src/cli/layerPool.ts starts beside its own chunk.
      input: { main: 'src/cli/main.ts', layerWorker: 'src/cli/layerWorker.ts' },
      output: { entryFileNames: '[name].mjs', chunkFileNames: '[name].mjs' },
    },
  },
});
const chunks = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output).filter((o) => o.type === 'chunk');
const sources = [...new Set(chunks.flatMap((c) => c.moduleIds))].filter(
  (id) => id.startsWith(process.cwd()) && !id.includes('node_modules'),
);
writeFileSync(
  `${OUT}/sources.json`,
  JSON.stringify({ builtAt, sources: sources.map((id) => relative(process.cwd(), id)).sort() }, null, 1),
);
console.log(`tasklab CLI built into ${OUT}/ from ${sources.length} source files`);
