// What a first visit downloads, from the last `vite build` (dist/): the start page's JS, all JS and .wasm
// the service worker precaches (gzip, as a server would send them), and how many bundles carry tfjs-core.
// Run: npx vite build && npx tsx bench/bundle.ts
import { existsSync } from 'node:fs';
import { bundleShape } from '../scripts/bundleShape.ts';

export function benchBundle(dist = 'dist'): void {
  if (!existsSync(`${dist}/index.html`)) {
    console.log(`bundle: no build in ${dist}/ (run npx vite build first)`);
    return;
  }
  const bundle = bundleShape(dist);
  const kb = (names: string[]) => `${(bundle.gzipBytes(names) / 1024).toFixed(0)} KB`;
  console.log('\nbundle (gzip -9)');
  console.log(`  start page JS:              ${kb(bundle.startPage)} (${bundle.startPage.join(', ')})`);
  console.log(`  all JS (precached):         ${kb(bundle.scripts)} in ${bundle.scripts.length} files`);
  console.log(`  .wasm (precached):          ${kb(bundle.wasm)} in ${bundle.wasm.length} files`);
  console.log(`  bundles with tfjs-core:     ${bundle.withTfjs.length} (${bundle.withTfjs.join(', ')})`);
}

if (import.meta.url === `file://${process.argv[1]}`) benchBundle();
