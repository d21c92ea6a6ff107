import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './main.ts';

const dir = mkdtempSync(join(tmpdir(), 'tasklab-affinity-'));
const specPath = join(dir, 'spec.json');
writeFileSync(
  specPath,
  JSON.stringify({
    seed: 1,
    dataset: { kind: 'planted', numTasks: 3, numGroups: 2, inputDim: 4, numSamples: 128 },
    model: { kind: 'shared-bottom', hidden: [8] },
    training: { steps: 40, batchSize: 16 },
  }),
);

describe('tasklab affinity', () => {
  it('prints exactly the contract keys with an n×n matrix', async () => {
    const out = join(dir, 'cosine.json');
    expect(await main(['affinity', specPath, '--method', 'cosine', '--out', out])).toBe(0);
    const result = JSON.parse(readFileSync(out, 'utf8'));
    expect(Object.keys(result).sort()).toEqual(['cost', 'matrix', 'method', 'plantedGroups', 'tasks']);
    expect(result.tasks).toEqual(['task0', 'task1', 'task2']);
    expect(result.method).toBe('cosine');
    expect(result.plantedGroups).toEqual([0, 1, 0]);
    expect(result.matrix).toHaveLength(3);
    for (const row of result.matrix) expect(row).toHaveLength(3);
    expect(result.matrix[0][0]).toBeCloseTo(1, 5); // a gradient's cosine with itself
    expect(Object.keys(result.cost).sort()).toEqual(['passes', 'seconds']);
    expect(result.cost.passes).toBeGreaterThan(40 * 16);
  });

  it('rejects an unknown method and a brute force that is too large, by name', async () => {
    expect(await main(['affinity', specPath, '--method', 'guess'])).toBe(1);
    const big = join(dir, 'big.json');
    writeFileSync(big, JSON.stringify({ dataset: { kind: 'planted', numTasks: 40 } }));
    expect(await main(['affinity', big, '--method', 'bruteforce'])).toBe(1);
  });
});
