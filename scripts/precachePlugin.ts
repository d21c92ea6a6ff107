// A tiny Vite plugin: after the build is written, list every file of the output folder (app,
// worker chunks, wasm, public/ data) and write sw.js from scripts/serviceWorker.template.js with
// that list and a version hashed from the files' contents (so any change busts the cache).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';
import { CONTENT_SECURITY_POLICY } from './contentSecurityPolicy.ts';

export const SERVICE_WORKER_FILE = 'sw.js';

function listFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

/** The precache list (paths relative to the site root, "./" first) and its content version. */
export function precacheManifest(outDir: string): { files: string[]; version: string } {
  const hash = createHash('sha256');
  const files = listFiles(outDir)
    .map((path) => relative(outDir, path).split(sep).join('/'))
    // Browsers that run this lab all read woff2; the older KaTeX font formats are never fetched.
    .filter((file) => file !== SERVICE_WORKER_FILE && !/\.(map|woff|ttf)$/.test(file))
    .sort();
  for (const file of files) hash.update(file).update(readFileSync(join(outDir, file)));
  return { files: ['./', ...files], version: hash.digest('hex').slice(0, 16) };
}

export function precachePlugin(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'tasklab-precache',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    closeBundle() {
      const outDir = resolve(config.root, config.build.outDir);
      const { files, version } = precacheManifest(outDir);
      const template = readFileSync(new URL('./serviceWorker.template.js', import.meta.url), 'utf8');
      const worker = template
        .replace("'__VERSION__'", JSON.stringify(version))
        .replace('__PRECACHE__', JSON.stringify(files, null, 1))
        .replace("'__CSP__'", JSON.stringify(CONTENT_SECURITY_POLICY));
      writeFileSync(join(outDir, SERVICE_WORKER_FILE), worker);
      config.logger.info(`service worker: ${files.length} files precached (version ${version})`);
    },
  };
}
