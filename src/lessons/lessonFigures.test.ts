// The numbers the lessons state, checked on the tfjs cpu backend with the lessons' own specs.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { withinAcrossMeans } from '../engine/affinity/scoring.ts';
import { readCorpusTexts } from '../cli/corpus.ts';
import { runJob } from '../engine/jobs/index.ts';
import {
  lossChangeCorrelation,
  trainAndMeasureLoad,
  trainAndReadRouting,
  type FinalRouting,
} from '../engine/lessons/lessonStats.ts';
import { analyseTrace, DEFAULT_SEGMENTS } from '../engine/routing/report.ts';
import { parseJsonTrace } from '../engine/routing/traceJson.ts';
import { runExperiment } from '../engine/run.ts';
import { useCpuBackend } from '../engine/testing/setup.ts';
import { readNotebookFile, type Notebook } from '../notebook/index.ts';
import type { ExperimentSpec, RunEvent } from '../protocol/index.ts';
import { mean } from '../shared/stats.ts';

const publicFile = (path: string) => readFileSync(new URL(`../../public/${path}`, import.meta.url), 'utf8');

function lessonSpec(file: string, cellId: string): ExperimentSpec {
  const result = readNotebookFile(publicFile(`lessons/${file}`));
  if (!result.ok) throw new Error(result.error);
  const cell = (result.notebook as Notebook).cells.find((c) => c.id === cellId);
  if (cell?.kind !== 'experiment') throw new Error(`${file} has no experiment cell ${cellId}`);
  return cell.spec;
}

beforeAll(useCpuBackend);

describe('lesson 1: planted clusters', () => {
  it('loss changes correlate ~0.6 within groups and ~0 across; affinity positive within, negative across', async () => {
    const losses: number[] = [];
    let affinity: Float32Array | undefined;
    let groups: number[] = [];
    await runExperiment(lessonSpec('lesson-1-task-affinity.tasklab.json', 'l1-run'), {
      keepBackend: true,
      emit: (event: RunEvent) => {
        if (event.type === 'progress') losses.push(...event.losses);
        if (event.type === 'snapshot' && event.kind === 'affinity') affinity = event.matrix;
        if (event.type === 'started') groups = event.plantedGroups ?? [];
      },
    });
    expect(groups).toEqual([0, 1, 0, 1, 0, 1]);
    const curves = withinAcrossMeans(lossChangeCorrelation(losses, 6), groups);
    expect(curves.within).toBeGreaterThan(0.5);
    expect(curves.within).toBeLessThan(0.7);
    expect(Math.abs(curves.across)).toBeLessThan(0.1);
    const tag = withinAcrossMeans(affinity!, groups);
    expect(tag.within).toBeGreaterThan(0);
    expect(tag.across).toBeLessThan(0);
  });
});

/** A guard against a hung training, not a speed check: these trainings take ~2 min on a loaded 2-core machine. */
const TRAINING_TIMEOUT = 300_000;
const noProgress = { signal: new AbortController().signal, progress: () => {} };

describe('lesson 2: grouping and branching', () => {
  it('the tree splits the planted groups at layer 1 (of 0–2) and no further; SDP picks the 2 planted groups; R² single 0.805 > groups 0.801 > shared 0.763 > tree 0.750', async () => {
    // The jobs choose their own backend ('auto' would pick wasm in Node): force the exact one.
    const spec = { ...lessonSpec('lesson-2-grouping-branching.tasklab.json', 'l2-run'), backend: 'cpu' as const };
    // The tree view's defaults: depth 3, arity 2.
    const tree = await runJob('branch', { spec, depth: 3, arity: 2 }, noProgress);
    expect(tree.layers[0]).toEqual([[0, 1, 2, 3, 4, 5]]);
    expect(tree.layers[1]).toEqual([
      [0, 2, 4],
      [1, 3, 5],
    ]);
    expect(tree.layers[2]).toEqual([
      [0, 2, 4],
      [1, 3, 5],
    ]);
    const root = tree.nodes.find((node) => node.tasks.length === 6)!;
    const within = withinAcrossMeans(Float32Array.from(root.affinity.flat()), [0, 1, 0, 1, 0, 1]);
    expect(within.within).toBeGreaterThan(0.45);
    expect(within.across).toBeLessThan(0.05);
    expect(within.across).toBeGreaterThan(-0.2);

    const comparison = await runJob('compare-setups', { spec, tree }, noProgress);
    const byId = Object.fromEntries(comparison.setups.map((s) => [s.id, s]));
    expect(byId.groups.layers[0]).toEqual([
      [0, 2, 4],
      [1, 3, 5],
    ]);
    expect(mean(byId.single.validationScore)).toBeCloseTo(0.805, 2);
    expect(mean(byId.tree.validationScore)).toBeCloseTo(0.75, 2);
    expect(mean(byId.groups.validationScore)).toBeCloseTo(0.801, 2);
    expect(mean(byId.shared.validationScore)).toBeCloseTo(0.763, 2);
    expect([byId.single.params, byId.tree.params, byId.groups.params, byId.shared.params]).toEqual([
      1350, 414, 486, 270,
    ]);
  });
});

describe('lesson 3: the router', () => {
  it(
    'the balance loss lowers the load CV: view 0.21 → 0.11, all validation gate weight 0.19 → 0.07, at similar validation loss (~0.23)',
    async () => {
      const file = 'lesson-3-router.tasklab.json';
      const free = await trainAndMeasureLoad(lessonSpec(file, 'l3-free'));
      const balanced = await trainAndMeasureLoad(lessonSpec(file, 'l3-balanced'));
      expect(free.load.reduce((a, b) => a + b)).toBeCloseTo(1, 5);
      expect(free.loadCV).toBeCloseTo(0.19, 1);
      expect(balanced.loadCV).toBeCloseTo(0.07, 1);
      expect(balanced.loadCV).toBeLessThan(free.loadCV / 2);
      expect(free.validationLoss).toBeCloseTo(0.23, 1);
      expect(balanced.validationLoss).toBeCloseTo(0.23, 1);
      // What the routing views show: the final snapshot on the probe rows.
      const freeView = (await trainAndReadRouting(lessonSpec(file, 'l3-free'))).routing.layers[0];
      const balancedView = (await trainAndReadRouting(lessonSpec(file, 'l3-balanced'))).routing.layers[0];
      expect(freeView.loadCV).toBeCloseTo(0.21, 2);
      expect(Math.max(...freeView.load)).toBeCloseTo(0.16, 2);
      expect(Math.min(...freeView.load)).toBeCloseTo(0.08, 2);
      expect(balancedView.loadCV).toBeCloseTo(0.11, 2);
    },
    TRAINING_TIMEOUT,
  );
});

/** The language-model runs of lessons 3 and 4, trained once each (lesson 4's model is lesson 3's top-2 one). */
const lmRuns = new Map<string, Promise<FinalRouting>>();
function lmRun(file: string, cellId: string): Promise<FinalRouting> {
  const spec = lessonSpec(file, cellId);
  const key = JSON.stringify({ ...spec, name: '' });
  if (!lmRuns.has(key))
    lmRuns.set(
      key,
      readCorpusTexts(spec).then((texts) => trainAndReadRouting(spec, texts)),
    );
  return lmRuns.get(key)!;
}

describe('lesson 3: top-k vs top-p', () => {
  it(
    'top-2 load CV ~0.84 (max share ~0.30, min ~0), top-p ~0.30, validation losses ~2.90 and ~2.92',
    async () => {
      const topk = await lmRun('lesson-3-router.tasklab.json', 'l3-topk');
      const topp = await lmRun('lesson-3-router.tasklab.json', 'l3-topp');
      expect(topk.routing.layers).toHaveLength(1);
      expect(topk.routing.layers[0].loadCV).toBeCloseTo(0.84, 1);
      expect(Math.max(...topk.routing.layers[0].load)).toBeCloseTo(0.3, 1);
      expect(Math.min(...topk.routing.layers[0].load)).toBeLessThan(0.01);
      expect(topp.routing.layers[0].loadCV).toBeCloseTo(0.3, 1);
      expect(topk.validationLoss).toBeCloseTo(2.9, 1);
      expect(topp.validationLoss).toBeCloseTo(2.92, 1);
    },
    TRAINING_TIMEOUT,
  );
});

describe('lesson 4: the sample trace', () => {
  it('model SRP ≈ 0.88 / 0.71 / 0.60 at m = 4 / 16 / 64; SCH of 2 of 8 experts at L = 4 is 0.85–0.88', () => {
    const report = analyseTrace(parseJsonTrace(JSON.parse(publicFile('traces/sample-4x8-top2.json'))), {
      segments: DEFAULT_SEGMENTS,
    });
    expect(report.model.srp['4']).toBeCloseTo(0.88, 2);
    expect(report.model.srp['16']).toBeCloseTo(0.71, 2);
    expect(report.model.srp['64']).toBeCloseTo(0.6, 2);
    for (const layer of report.layers) {
      expect(layer.sch['4'][1]).toBeGreaterThanOrEqual(0.84);
      expect(layer.sch['4'][1]).toBeLessThanOrEqual(0.885);
    }
  });
});

describe("lesson 4: the lab's own model", () => {
  it(
    'SRP ~0.80 / 0.74 at m = 4 / 16; SCH at L = 4 ~0.68 for 2 of 8 experts, ~0.94 for 4 of 8',
    async () => {
      const { routing } = await lmRun('lesson-4-routing-consistency.tasklab.json', 'l4-model');
      expect(routing.segments).toEqual([2, 4, 8, 16]);
      const layer = routing.layers[0];
      expect(layer.srp![1]).toBeCloseTo(0.8, 2);
      expect(layer.srp![3]).toBeCloseTo(0.74, 2);
      const lookAhead4 = layer.sch!.slice(routing.numExperts, 2 * routing.numExperts);
      expect(lookAhead4[1]).toBeCloseTo(0.68, 2);
      expect(lookAhead4[3]).toBeCloseTo(0.94, 2);
    },
    TRAINING_TIMEOUT,
  );
});

describe('lesson 5: expert health on the anomaly data set', () => {
  const finalHealth = async (cellId: string) => {
    let health: import('../protocol/index.ts').HealthSnapshotEvent | undefined;
    await runExperiment(lessonSpec('lesson-5-expert-health.tasklab.json', cellId), {
      keepBackend: true,
      emit: (e: RunEvent) => void (e.type === 'snapshot' && e.kind === 'health' && (health = e)),
    });
    return health!;
  };
  it('MMoE: e3 has ~100% zero activations; PLE: task3 gives its own expert ~0%; HoME: no anomaly, task3 at ~29%', async () => {
    const mmoe = await finalHealth('l5-mmoe');
    const e3 = mmoe.layers[0].expertNames.indexOf('e3');
    expect(mmoe.layers[0].zeroShare[e3]).toBeGreaterThan(0.99);
    expect(mmoe.flags.some((f) => f.anomaly === 'collapse' && f.expert === 'e3')).toBe(true);
    const ple = await finalHealth('l5-ple');
    expect(ple.layers[0].specificWeight[3]).toBeLessThan(0.01);
    expect(ple.flags.some((f) => f.anomaly === 'underfitting' && f.task === 'task3')).toBe(true);
    const home = await finalHealth('l5-home');
    expect(home.flags).toEqual([]);
    // task3 takes ~29% of its mixture from its own expert (gate + self gate; uniform: 25%).
    expect(home.layers[0].specificWeight[3]).toBeGreaterThan(0.2);
    expect(home.layers[0].specificWeight[3]).toBeLessThan(0.4);
    expect(home.layers[0].uniformSpecific[3]).toBe(0.25);
  }, 1_200_000);
});
