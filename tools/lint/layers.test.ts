// The layering rule rejects wrong imports: each fixture (tools/lint/fixtures/, outside the build) is
// linted as if it sat in the layer named below, and the right files in that layer pass.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: path.join(ROOT, 'tools/lint/eslint.config.js') });

async function layerMessages(fixture: string, pretendPath: string): Promise<string[]> {
  const text = readFileSync(path.join(import.meta.dirname, 'fixtures', fixture), 'utf8');
  const [result] = await eslint.lintText(text, { filePath: path.join(ROOT, pretendPath) });
  return result.messages.filter((m) => m.ruleId === 'tasklab/layers').map((m) => m.message);
}

describe('the tasklab/layers lint rule', () => {
  it('rejects a run-time engine import in the UI but lets its type-only import through', async () => {
    const messages = await layerMessages('uiImportsEngine.tsx', 'src/ui/Fixture.tsx');
    expect(messages).toEqual([
      "ui must not import engine at run time (a type-only import is fine): '../engine/run.ts'",
    ]);
  });

  it('rejects the same import from the store, but not from the bridge side of a worker', async () => {
    expect(await layerMessages('uiImportsEngine.tsx', 'src/store/fixture.tsx')).toHaveLength(1);
    expect(await layerMessages('uiImportsEngine.tsx', 'workers/fixture.tsx')).toEqual([]);
  });

  it('rejects the engine importing the store, even for a type', async () => {
    const messages = await layerMessages('engineImportsStore.ts', 'src/engine/fixture.ts');
    expect(messages).toEqual(["engine must not import store: '../store/index.ts'"]);
  });

  it('lets the protocol import only zod and itself', async () => {
    const messages = await layerMessages('protocolImportsEngine.ts', 'src/protocol/fixture.ts');
    expect(messages).toEqual([
      "src/protocol/ imports only zod and itself, not '../engine/data/table/preview.ts'",
      "src/protocol/ imports only zod and itself, not 'd3'",
    ]);
  });

  it('passes the repository as it is', async () => {
    const results = await eslint.lintFiles(['src/ui/App.tsx', 'src/engine/run.ts', 'workers']);
    expect(results.length).toBeGreaterThan(3);
    expect(results.flatMap((r) => r.messages)).toEqual([]);
  });
});
