// The layering rule: which folder of TaskLab may import which (docs/ARCHITECTURE.md "Layers").
// Paths are resolved against the importing file, so `../engine/x.ts` from src/ui/ and from
// src/engine/affinity/ are told apart; bare package names are checked only for the protocol.
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The layer a repository-relative path belongs to, or undefined for files outside the layering. */
export function layerOf(relative) {
  const p = relative.split(path.sep).join('/');
  if (p === 'src/main.tsx' || p.startsWith('src/ui/')) return 'ui';
  for (const layer of ['store', 'bridge', 'engine', 'protocol', 'shared', 'notebook', 'cli', 'lessons']) {
    if (p.startsWith(`src/${layer}/`)) return layer;
  }
  if (p.startsWith('workers/')) return 'workers';
  return undefined;
}

// from → layers it must never import. `typesOk`: a type-only import is allowed (it is erased, so
// tfjs stays out of the page's bundle).
const FORBIDDEN = {
  ui: { layers: ['engine', 'workers', 'cli'], typesOk: true },
  store: { layers: ['engine', 'workers', 'cli', 'bridge', 'ui'], typesOk: true },
  bridge: { layers: ['engine', 'ui', 'cli'], typesOk: true },
  engine: { layers: ['ui', 'store', 'bridge', 'workers', 'cli', 'lessons'], typesOk: false },
  workers: { layers: ['ui', 'store', 'bridge', 'cli'], typesOk: false },
  shared: { layers: ['ui', 'store', 'bridge', 'engine', 'workers', 'cli'], typesOk: false },
  notebook: { layers: ['ui', 'store', 'bridge', 'engine', 'workers', 'cli'], typesOk: false },
};

const typeOnly = (node) =>
  node.importKind === 'type' ||
  node.exportKind === 'type' ||
  (node.specifiers?.length > 0 && node.specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type'));

function violation(fromFile, source, isTypeOnly) {
  const from = layerOf(path.relative(ROOT, fromFile));
  if (!from) return undefined;
  const relativeImport = source.startsWith('.');
  if (from === 'protocol') {
    if (source === 'zod') return undefined;
    const target = relativeImport
      ? layerOf(path.relative(ROOT, path.resolve(path.dirname(fromFile), source)))
      : undefined;
    return target === 'protocol' ? undefined : `src/protocol/ imports only zod and itself, not '${source}'`;
  }
  if (!relativeImport) return undefined;
  const to = layerOf(path.relative(ROOT, path.resolve(path.dirname(fromFile), source)));
  const rule = FORBIDDEN[from];
  if (!to || !rule || !rule.layers.includes(to)) return undefined;
  if (rule.typesOk && isTypeOnly) return undefined;
  return `${from} must not import ${to}${rule.typesOk ? ' at run time (a type-only import is fine)' : ''}: '${source}'`;
}

const layersRule = {
  meta: { type: 'problem', schema: [], docs: { description: 'imports follow the layers of docs/ARCHITECTURE.md' } },
  create(context) {
    const check = (node, source, isTypeOnly) => {
      if (typeof source !== 'string') return;
      const message = violation(context.filename, source, isTypeOnly);
      if (message) context.report({ node, message });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value, typeOnly(node)),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value, typeOnly(node)),
      ExportAllDeclaration: (node) => check(node, node.source.value, node.exportKind === 'type'),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value, false),
      TSImportType: (node) => check(node, node.argument?.literal?.value ?? node.argument?.value, true),
    };
  },
};

export const tasklabPlugin = { rules: { layers: layersRule } };
