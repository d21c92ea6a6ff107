// The numbers the lessons state, checked on the tfjs cpu backend with the lessons' own specs.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { withinAcrossMeans } from '../engine/affinity/scoring.ts';
import { lossChangeCorrelation, trainAndMeasureLoad } from '../engine/lessons/lessonStats.ts';
import { analyseTrace, DEFAULT_SEGMENTS } from '../engine/routing/report.ts';
import { parseJsonTrace } from '../engine/routing/traceJson.ts';
import { runExperiment } from '../engine/run.ts';
import { useCpuBackend } from '../engine/testing/setup.ts';
import { readNotebookFile, type Notebook } from '../notebook/index.ts';
import type { ExperimentSpec, RunEvent } from '../protocol.ts';

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

describe('lesson 3: the router', () => {
  it('the balance loss lowers the load CV from ~0.17 to ~0.13 at a similar validation loss', async () => {
    const free = await trainAndMeasureLoad(lessonSpec('lesson-3-router.tasklab.json', 'l3-free'));
    const balanced = await trainAndMeasureLoad(lessonSpec('lesson-3-router.tasklab.json', 'l3-balanced'));
    expect(free.load.reduce((a, b) => a + b)).toBeCloseTo(1, 5);
    expect(free.loadCV).toBeCloseTo(0.17, 1);
    expect(balanced.loadCV).toBeCloseTo(0.13, 1);
    expect(balanced.loadCV).toBeLessThan(free.loadCV);
    expect(free.validationLoss).toBeCloseTo(0.21, 1);
    expect(balanced.validationLoss).toBeCloseTo(0.22, 1);
  });
});

describe('lesson 4: the sample trace', () => {
  it('model SRP ≈ 0.88 / 0.71 / 0.60 at m = 4 / 16 / 64; SCH of 2 of 8 experts at L = 4 is 0.85–0.88', () => {
    const report = analyseTrace(parseJsonTrace(JSON.parse(publicFile('traces/sample-4x8-top2.json'))), { segments: DEFAULT_SEGMENTS });
    expect(report.model.srp['4']).toBeCloseTo(0.88, 2);
    expect(report.model.srp['16']).toBeCloseTo(0.71, 2);
    expect(report.model.srp['64']).toBeCloseTo(0.6, 2);
    for (const layer of report.layers) {
      expect(layer.sch['4'][1]).toBeGreaterThanOrEqual(0.84);
      expect(layer.sch['4'][1]).toBeLessThanOrEqual(0.885);
    }
  });
});
