// `tasklab export --to pytorch`: every model kind's project trains under Debian's python3-torch and
// writes a result the lab accepts; the planted example matches `tasklab run` and torchrun matches one process.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES } from '../shared/examples.ts';
import type { ExperimentSpecInput } from '../protocol/index.ts';
import { parseRunResult, type RunResultFile } from '../shared/runResult.ts';
import { python } from './pythonTesting.ts';
import { runCli, tempDir } from './testing.ts';

let dir: string;
beforeAll(async () => {
  dir = await tempDir('export');
});

const planted = { kind: 'planted' as const, numTasks: 4, numGroups: 2, numSamples: 128, inputDim: 6 };
const text = {
  kind: 'text' as const,
  domains: ['a', 'b'],
  texts: { a: 'the cat sat on the mat. '.repeat(8), b: 'x = f(y) + 1; '.repeat(12) },
  windowLength: 8,
  numSamples: 40,
};
const lm = { kind: 'moe-lm' as const, dModel: 8, numHeads: 2, numLayers: 2, numExperts: 4, expertHidden: 8 };
const few = { steps: 6, batchSize: 8 };
/** The trainer's schedule, clipping and decay (src/engine/train/trainer.ts), all at once. */
const settings = { schedule: 'cosine' as const, warmupSteps: 2, weightDecay: 0.01, gradClipNorm: 1 };

async function exportAndTrain(
  name: string,
  spec: ExperimentSpecInput,
  extra: string[] = [],
  trainArgs: string[] = [],
): Promise<RunResultFile> {
  const specPath = join(dir, `${name}.json`);
  await writeFile(specPath, JSON.stringify(spec));
  const out = join(dir, name);
  const exported = await runCli('export', specPath, '--to', 'pytorch', '--out', out, ...extra);
  expect(exported.stderr).not.toMatch(/tasklab export: (?!wrote)/);
  expect(exported.code).toBe(0);
  await python(['train.py', '--out', 'result.json', ...trainArgs], out);
  const parsed = parseRunResult(JSON.parse(await readFile(join(out, 'result.json'), 'utf8')));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.result;
}

const meanValidationLoss = (final: Record<string, { validationLoss: number }>) => {
  const losses = Object.values(final).map((task) => task.validationLoss);
  return losses.reduce((a, b) => a + b, 0) / losses.length;
};

/** Mean validation loss of `tasklab run --backend cpu` and of the exported project on the same spec. */
async function labAndExported(name: string, spec: ExperimentSpecInput) {
  const specPath = join(dir, `${name}-lab.json`);
  await writeFile(specPath, JSON.stringify(spec));
  const labOut = join(dir, `${name}-lab-result.json`);
  expect((await runCli('run', specPath, '--backend', 'cpu', '--out', labOut)).code).toBe(0);
  const lab = meanValidationLoss(JSON.parse(await readFile(labOut, 'utf8')).final);
  const result = await exportAndTrain(name, spec);
  const exported = meanValidationLoss(result.final);
  console.info(`${name}, mean validation loss: lab cpu ${lab.toFixed(4)}, PyTorch ${exported.toFixed(4)}`);
  return { lab, exported, result };
}

describe('tasklab export --to pytorch', () => {
  const cases: [string, ExperimentSpecInput][] = [
    ['shared-bottom', { dataset: planted, model: { kind: 'shared-bottom', hidden: [8, 8] }, training: few }],
    [
      'mmoe',
      {
        dataset: planted,
        model: { kind: 'mmoe', numExperts: 3, expertHidden: 8, expertOutput: 4, towerHidden: 4 },
        training: few,
      },
    ],
    [
      'ple',
      {
        dataset: planted,
        model: {
          kind: 'ple',
          gate: 'topk',
          k: 2,
          expertHidden: 8,
          expertOutput: 4,
          towerHidden: 4,
          activation: 'gelu',
        },
        training: { ...few, optimizer: 'momentum' },
      },
    ],
    [
      'gnn-attention',
      {
        dataset: { kind: 'clrs-lite', numGraphs: 24, numNodes: [4, 6] },
        model: { kind: 'gnn', hidden: 8, layers: 2 },
        training: few,
      },
    ],
    [
      'gnn-max',
      {
        dataset: { kind: 'clrs-lite', numGraphs: 24, numNodes: [4, 6], tasks: ['mst', 'components'] },
        model: { kind: 'gnn', hidden: 8, layers: 1, aggregation: 'max' },
        training: few,
      },
    ],
    [
      'gnn-mean',
      {
        dataset: { kind: 'clrs-lite', numGraphs: 24, numNodes: [4, 6], tasks: ['sp-dist'] },
        model: { kind: 'gnn', hidden: 8, layers: 1, aggregation: 'mean' },
        training: { ...few, optimizer: 'sgd' },
      },
    ],
    ['lm-topk', { dataset: text, model: { ...lm, router: 'topk', capacityFactor: 1 }, training: few }],
    ['lm-topp', { dataset: text, model: { ...lm, router: 'topp' }, training: few }],
    ['lm-expert-choice', { dataset: text, model: { ...lm, router: 'expert-choice' }, training: few }],
    ['lm-soft', { dataset: text, model: { ...lm, router: 'soft' }, training: few }],
    [
      'lm-compete-recurrent',
      {
        dataset: text,
        model: { ...lm, router: 'compete', competeRate: 0.5, routerMemory: 'recurrent' },
        training: few,
      },
    ],
    [
      'home',
      {
        dataset: planted,
        model: {
          kind: 'home',
          categories: [0, 0, 1, 1],
          taskExperts: 2,
          categoryExperts: 2,
          expertHidden: 8,
          expertOutput: 4,
          towerHidden: 4,
        },
        training: few,
      },
    ],
    [
      'home-cgc',
      {
        dataset: planted,
        model: {
          kind: 'home',
          hierarchyMask: false,
          expertNorm: false,
          featureGate: false,
          expertHidden: 8,
          expertOutput: 4,
          towerHidden: 4,
        },
        training: few,
      },
    ],
    [
      'task-expert',
      {
        dataset: planted,
        model: {
          kind: 'task-expert',
          numLayers: 3,
          numExperts: 3,
          width: 8,
          expertHidden: 8,
          towerHidden: 4,
          activation: 'gelu',
        },
        training: few,
      },
    ],
    [
      'task-expert-no-memory',
      {
        dataset: planted,
        model: { kind: 'task-expert', memory: false, width: 8, expertHidden: 8, towerHidden: 4 },
        training: few,
      },
    ],
    [
      'gnn-settings',
      {
        dataset: { kind: 'clrs-lite', numGraphs: 24, numNodes: [4, 6] },
        model: { kind: 'gnn', hidden: 8, layers: 2 },
        training: { ...few, ...settings },
      },
    ],
    ['lm-settings', { dataset: text, model: { ...lm, router: 'topk' }, training: { ...few, ...settings } }],
  ];
  it.each(cases)(
    '%s: trains a few steps and writes a valid result',
    async (name, spec) => {
      const result = await exportAndTrain(name, spec);
      expect(result.backend).toBe('pytorch');
      expect(result.worldSize).toBe(1);
      expect(result.steps).toBe(6);
      expect(result.spec).toMatchObject({ model: { kind: spec.model!.kind } });
    },
    60_000,
  );

  it('branched: --tree takes the tree `tasklab branch` wrote', async () => {
    const tree = join(dir, 'tree.json');
    await writeFile(
      tree,
      JSON.stringify({
        tasks: ['task0', 'task1', 'task2', 'task3'],
        layers: [
          [[0, 1, 2, 3]],
          [
            [0, 1],
            [2, 3],
          ],
          [[0], [1], [2, 3]],
        ],
      }),
    );
    const result = await exportAndTrain('branched', { dataset: planted, training: few }, ['--tree', tree]);
    expect(result.spec).toMatchObject({
      model: {
        kind: 'branched',
        layers: [
          [[0, 1, 2, 3]],
          [
            [0, 1],
            [2, 3],
          ],
          [[0], [1], [2, 3]],
        ],
      },
    });
  }, 60_000);

  it('a table from --data trains on the rows the lab would use', async () => {
    const csv = join(dir, 'table.csv');
    const rows = Array.from(
      { length: 60 },
      (_, i) => `${i % 7},${(i * 3) % 5},${(i % 7) * 2 - 1},${(i * 3) % 5 > 2 ? 1 : 0}`,
    );
    await writeFile(csv, ['a,b,y1,y2', ...rows].join('\n'));
    const out = join(dir, 'table');
    expect(
      (
        await runCli(
          'export',
          '--data',
          csv,
          '--inputs',
          'a,b',
          '--targets',
          'y1,y2',
          '--steps',
          '5',
          '--to',
          'pytorch',
          '--out',
          out,
        )
      ).code,
    ).toBe(0);
    await python(['train.py', '--out', 'result.json'], out);
    const result = JSON.parse(await readFile(join(out, 'result.json'), 'utf8'));
    expect(parseRunResult(result).ok).toBe(true);
    expect(result.tasks).toEqual(['y1', 'y2']);
    const meta = JSON.parse(await readFile(join(out, 'data/meta.json'), 'utf8'));
    expect([meta.numTrain, meta.numValidation]).toEqual([48, 12]);
  }, 60_000);

  it('--affinity lookahead returns an n×n matrix with positive self-affinity', async () => {
    const result = await exportAndTrain(
      'affinity',
      { dataset: planted, training: { steps: 40, batchSize: 32 } },
      [],
      ['--affinity', 'lookahead'],
    );
    expect(result.affinity?.matrix).toHaveLength(4);
    result.affinity!.matrix.forEach((row, i) => expect(row[i]).toBeGreaterThan(0));
  }, 60_000);

  it('--scale multiplies samples, width and steps', async () => {
    const out = join(dir, 'scaled');
    const specPath = join(dir, 'scaled.json');
    await writeFile(
      specPath,
      JSON.stringify({ dataset: planted, model: { kind: 'shared-bottom', hidden: [8] }, training: few }),
    );
    expect(
      (await runCli('export', specPath, '--to', 'pytorch', '--out', out, '--scale', 'samples=2,width=3,steps=2')).code,
    ).toBe(0);
    const spec = JSON.parse(await readFile(join(out, 'spec.json'), 'utf8'));
    expect([spec.dataset.numSamples, spec.model.hidden, spec.training.steps]).toEqual([256, [24], 12]);
  }, 60_000);

  it('names what is wrong: a bad target, a bad scale, a tree that does not fit', async () => {
    const specPath = join(dir, 'default.json');
    await writeFile(specPath, '{}');
    expect((await runCli('export', specPath, '--to', 'onnx', '--out', dir)).stderr).toMatch(
      /only export target is "pytorch", not "onnx"/,
    );
    expect((await runCli('export', specPath, '--to', 'pytorch', '--out', dir, '--scale', 'depth=2')).stderr).toMatch(
      /unknown factor "depth"/,
    );
    const tree = join(dir, 'small-tree.json');
    await writeFile(tree, JSON.stringify({ layers: [[[0, 1]]] }));
    expect((await runCli('export', specPath, '--to', 'pytorch', '--out', dir, '--tree', tree)).stderr).toMatch(
      /the tree covers 2 tasks but dataset.numTasks is 8/,
    );
  });

  it('cosine schedule, warm-up, weight decay and clipping: PyTorch within 25% of `tasklab run --backend cpu`', async () => {
    // Strong enough that leaving them out moves the loss by more than 25% (0.184 vs the lab's 0.260 when written).
    const { lab, exported } = await labAndExported('settings', {
      dataset: { ...planted, numSamples: 256 },
      model: { kind: 'shared-bottom', hidden: [16, 16] },
      training: {
        steps: 200,
        batchSize: 32,
        learningRate: 0.05,
        schedule: 'cosine',
        warmupSteps: 30,
        weightDecay: 1,
        gradClipNorm: 0.5,
      },
    });
    expect(Math.abs(exported - lab) / lab).toBeLessThan(0.25);
  }, 120_000);

  it('branched GNN (model.tree): PyTorch within 25% of `tasklab run --backend cpu`', async () => {
    const tree = [
      [[0, 1], [2]],
      [[0], [1], [2]],
    ];
    const { lab, exported, result } = await labAndExported('gnn-tree', {
      dataset: { kind: 'clrs-lite', numGraphs: 200, numNodes: [5, 8], tasks: ['bfs-reach', 'sp-dist', 'components'] },
      model: { kind: 'gnn', hidden: 16, layers: 2, tree },
      training: { steps: 150, batchSize: 16, learningRate: 0.01 },
    });
    expect(result.spec).toMatchObject({ model: { tree } });
    expect(Math.abs(exported - lab) / lab).toBeLessThan(0.25);
  }, 120_000);

  it('HoME at its defaults (hierarchy mask, expert norm, feature and self gates): PyTorch within 25% of `tasklab run --backend cpu`', async () => {
    const { lab, exported } = await labAndExported('home-default', {
      dataset: { ...planted, numSamples: 256 },
      model: { kind: 'home', categories: [0, 0, 1, 1] },
      training: { steps: 200, batchSize: 32 },
    });
    expect(Math.abs(exported - lab) / lab).toBeLessThan(0.25);
  }, 120_000);

  it('planted example at its defaults: PyTorch within 25% of `tasklab run --backend cpu`, torchrun -n 2 within 25% of one process', async () => {
    const specPath = join(dir, 'planted-default.json');
    await writeFile(specPath, JSON.stringify(EXAMPLES.planted.spec(1)));
    const labOut = join(dir, 'planted-lab.json');
    expect((await runCli('run', specPath, '--backend', 'cpu', '--out', labOut)).code).toBe(0);
    const lab = meanValidationLoss(JSON.parse(await readFile(labOut, 'utf8')).final);
    const one = await exportAndTrain('planted-default', EXAMPLES.planted.spec(1));
    const project = join(dir, 'planted-default');
    // --redirects/--tee 2: Debian's torch 1.13 torchrun fails on Python 3.11 with its default (Std.NONE) redirects.
    await python(
      [
        '-m',
        'torch.distributed.run',
        '--standalone',
        '--nproc_per_node',
        '2',
        '--redirects',
        '2',
        '--tee',
        '2',
        'train.py',
        '--out',
        'result2.json',
      ],
      project,
    );
    const two = JSON.parse(await readFile(join(project, 'result2.json'), 'utf8'));
    expect(two.worldSize).toBe(2);
    const exported = meanValidationLoss(one.final);
    const distributed = meanValidationLoss(two.final);
    console.info(
      `planted mean validation loss: lab cpu ${lab.toFixed(4)}, PyTorch ${exported.toFixed(4)}, torchrun ×2 ${distributed.toFixed(4)}`,
    );
    expect(Math.abs(exported - lab) / lab).toBeLessThan(0.25);
    expect(Math.abs(distributed - exported) / exported).toBeLessThan(0.25);
  }, 240_000);
});
