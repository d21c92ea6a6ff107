// What a built site (dist/) ships, read from disk: used by e2e/bundle.spec.ts (the limits) and bench/bundle.ts
// (the figures).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleShape {
  scripts: string[];
  wasm: string[];
  /** Scripts holding a copy of tfjs-core (its engine global `_tfengine` is named in every copy). */
  withTfjs: string[];
  /** The entry script of index.html and its static imports: the JS loaded before anything is used. */
  startPage: string[];
  gzipBytes(names: string[]): number;
  read(name: string): string;
}

export function bundleShape(dist: string): BundleShape {
  const assets = join(dist, 'assets');
  const read = (name: string) => readFileSync(join(assets, name), 'utf8');
  const files = readdirSync(assets);
  const scripts = files.filter((name) => name.endsWith('.js'));
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const queue = [...html.matchAll(/<script[^>]+src="\.\/assets\/([^"]+\.js)"/g)].map((m) => m[1]);
  const startPage = new Set<string>();
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (startPage.has(name)) continue;
    startPage.add(name);
    // Static imports only (`import … from "./x.js"`, `import "./x.js"`); `import("./x.js")` loads later.
    for (const m of read(name).matchAll(/(?:from|import)\s*["']\.\/([^"']+\.js)["']/g)) queue.push(m[1]);
  }
  return {
    scripts,
    wasm: files.filter((name) => name.endsWith('.wasm')),
    withTfjs: scripts.filter((name) => read(name).includes('_tfengine')),
    startPage: [...startPage],
    gzipBytes: (names) =>
      names.reduce((sum, name) => sum + gzipSync(readFileSync(join(assets, name)), { level: 9 }).length, 0),
    read,
  };
}
