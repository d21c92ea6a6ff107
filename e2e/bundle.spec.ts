// The built bundle's shape, read from dist/ (built before the e2e run): tfjs once, no .wasm the code never
// names, and the start page's JS within its budget. Cross-origin isolation, which the threaded .wasm needs
// to load, is checked in a browser by isolation.spec.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';

const assets = new URL('../dist/assets/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, assets), 'utf8');
const scripts = readdirSync(assets).filter((name) => name.endsWith('.js'));
const START_PAGE_GZIP_BUDGET = 250 * 1024;

/** The JS index.html loads before anything is used: its entry script and that script's static imports. */
function startPageScripts(): string[] {
  const html = readFileSync(new URL('../dist/index.html', import.meta.url), 'utf8');
  const queue = [...html.matchAll(/<script[^>]+src="\.\/assets\/([^"]+\.js)"/g)].map((m) => m[1]);
  const seen = new Set<string>();
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    // Static imports only (`import … from "./x.js"`, `import "./x.js"`); `import("./x.js")` loads later.
    for (const m of read(name).matchAll(/(?:from|import)\s*["']\.\/([^"']+\.js)["']/g)) queue.push(m[1]);
  }
  return [...seen];
}

test('tfjs-core is in exactly one bundle', () => {
  // `_tfengine` is the global tfjs-core keeps its engine under: every copy of tfjs-core carries the name.
  const withTfjs = scripts.filter((name) => read(name).includes('_tfengine'));
  expect(withTfjs, `bundles containing tfjs-core: ${withTfjs.join(', ')}`).toHaveLength(1);
});

test('every bundled .wasm is named by the code that loads it', () => {
  const wasm = readdirSync(assets).filter((name) => name.endsWith('.wasm'));
  expect(wasm.length).toBeGreaterThan(0);
  const code = scripts.map(read).join('\n');
  for (const name of wasm) expect(code.includes(name), `${name} is bundled but no script refers to it`).toBe(true);
});

test(`the start page loads at most ${START_PAGE_GZIP_BUDGET / 1024} KB of gzipped JS`, () => {
  const names = startPageScripts();
  expect(names.some((name) => name.startsWith('index-'))).toBe(true);
  const bytes = names.reduce((sum, name) => sum + gzipSync(read(name), { level: 9 }).length, 0);
  expect(bytes, `${names.join(', ')}: ${(bytes / 1024).toFixed(1)} KB gzip`).toBeLessThanOrEqual(START_PAGE_GZIP_BUDGET);
});
