// The import-circle check finds a circle in a made-up graph and none in the repository.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCircles, importGraph } from './cycles.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const at = (name: string) => path.join(ROOT, name);

describe('the import-circle check', () => {
  it('reports each circle once, with every file in it, and ignores a plain chain', () => {
    const graph = new Map([
      [at('a.ts'), [at('b.ts')]],
      [at('b.ts'), [at('c.ts')]],
      [at('c.ts'), [at('a.ts'), at('d.ts')]],
      [at('d.ts'), [at('e.ts')]],
      [at('e.ts'), []],
    ]);
    expect(importCircles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });

  it('finds no circle in src/ and workers/', () => {
    const graph = importGraph(['src', 'workers']);
    expect(graph.size).toBeGreaterThan(300);
    expect(graph.get(at('src/engine/affinity/setup.ts'))).toContain(at('src/engine/runError.ts'));
    expect(importCircles(graph)).toEqual([]);
  });
});
