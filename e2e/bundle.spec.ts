// The built bundle's shape, read from dist/ (built before the e2e run): tfjs once, no .wasm the code never
// names, and the start page's JS within its budget. Cross-origin isolation, which the threaded .wasm needs
// to load, is checked in a browser by isolation.spec.ts.
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { bundleShape } from '../scripts/bundleShape.ts';

const bundle = bundleShape(fileURLToPath(new URL('../dist/', import.meta.url)));
const START_PAGE_GZIP_BUDGET = 250 * 1024;

test('tfjs-core is in exactly one bundle', () => {
  expect(bundle.withTfjs, `bundles containing tfjs-core: ${bundle.withTfjs.join(', ')}`).toHaveLength(1);
});

test('every bundled .wasm is named by the code that loads it', () => {
  expect(bundle.wasm.length).toBeGreaterThan(0);
  const code = bundle.scripts.map(bundle.read).join('\n');
  for (const name of bundle.wasm)
    expect(code.includes(name), `${name} is bundled but no script refers to it`).toBe(true);
});

test(`the start page loads at most ${START_PAGE_GZIP_BUDGET / 1024} KB of gzipped JS`, () => {
  expect(bundle.startPage.some((name) => name.startsWith('index-'))).toBe(true);
  const bytes = bundle.gzipBytes(bundle.startPage);
  expect(bytes, `${bundle.startPage.join(', ')}: ${(bytes / 1024).toFixed(1)} KB gzip`).toBeLessThanOrEqual(
    START_PAGE_GZIP_BUDGET,
  );
});
