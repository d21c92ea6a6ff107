#!/usr/bin/env node
// Runs the CLI built into build/cli/ by `npm run build:cli` (which `npm ci` runs as `prepare`): no
// TypeScript compiler at start-up. When that build is missing, or older than a source file it was
// built from (an edit, a `git pull`), it runs the TypeScript sources through tsx instead: slower to
// start, never stale.
import { readFileSync, statSync } from 'node:fs';

const root = new URL('../', import.meta.url);

function buildIsCurrent() {
  try {
    const { builtAt, sources } = JSON.parse(readFileSync(new URL('build/cli/sources.json', root), 'utf8'));
    return sources.every((file) => statSync(new URL(file, root)).mtimeMs <= builtAt);
  } catch {
    return false;
  }
}

async function loadMain() {
  if (buildIsCurrent()) return (await import('../build/cli/main.mjs')).main;
  const { register } = await import('tsx/esm/api');
  register();
  return (await import('../src/cli/main.ts')).main;
}

process.exitCode = await (await loadMain())(process.argv.slice(2));
