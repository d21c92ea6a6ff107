// `tasklab branch` on CLRS-lite graph tasks (a GNN spec): writes {tasks, layers}, a tree over the
// GNN's processor rounds.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './testing.ts';

const CLRS_TINY = {
  seed: 1,
  backend: 'cpu',
  dataset: {
    kind: 'clrs-lite',
    numGraphs: 96,
    numNodes: [5, 7],
    edgeProbability: [0.2, 0.45],
    connectedFraction: 0.5,
    tasks: ['bfs-reach', 'bfs-hops', 'mst'],
  },
  model: { kind: 'gnn', hidden: 8, layers: 2, aggregation: 'mean' },
  training: { steps: 20, batchSize: 16, learningRate: 0.01 },
};

describe('tasklab branch', () => {
  it('searches a tree over a GNN on CLRS-lite graph tasks', async () => {
    const dir = await tempDir('branch');
    const spec = join(dir, 'clrs.json');
    const out = join(dir, 'tree.json');
    await writeFile(spec, JSON.stringify(CLRS_TINY));
    const { code, stderr } = await runCli('branch', spec, '--depth', '2', '--arity', '2', '--out', out);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(await readFile(out, 'utf8'));
    expect(result.tasks).toEqual(['bfs-reach', 'bfs-hops', 'mst']);
    expect(result.layers).toHaveLength(2);
    expect(result.layers[0]).toEqual([[0, 1, 2]]);
    expect(result.layers[1].flat().sort()).toEqual([0, 1, 2]);
  });
});
