// CompeteSMoE and the recurrent router through the ExperimentSpec: parsing, and runExperiment on the
// moe-lm path (competition steps on the seeded schedule, recurrent routing, inter-layer affinity).
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseSpec, type DoneEvent, type RoutingSnapshotEvent, type RunEvent } from '../../protocol/index.ts';
import { createCompetitionSchedule } from '../models/moe/compete.ts';
import { lmRouter } from '../models/moeLm.ts';
import { runExperiment } from '../run.ts';
import { useCpuBackend } from '../testing/setup.ts';

beforeAll(useCpuBackend);

const tinySpec = (model: Record<string, unknown>, steps = 40) => ({
  seed: 7,
  dataset: {
    kind: 'text',
    domains: ['a', 'b'],
    texts: { a: 'abcabcabcabc '.repeat(10), b: '0123456789 '.repeat(10) },
    windowLength: 8,
    numSamples: 32,
  },
  model: { kind: 'moe-lm', dModel: 8, numHeads: 2, numLayers: 2, numExperts: 4, expertHidden: 8, k: 2, ...model },
  training: { steps, batchSize: 8 },
});

async function run(spec: unknown) {
  const events: RunEvent[] = [];
  const done = await runExperiment(spec, { emit: (e) => events.push(e), keepBackend: true });
  const routing = events.filter((e): e is RoutingSnapshotEvent => e.type === 'snapshot' && e.kind === 'routing');
  return { done, routing, losses: events.flatMap((e) => (e.type === 'progress' ? Array.from(e.losses) : [])) };
}

describe('MoE LM spec: CompeteSMoE and recurrent routers', () => {
  it('fills defaults, keeps the router settings, and names bad fields by path', () => {
    const parsed = parseSpec(tinySpec({ router: 'compete' }));
    expect(parsed.ok && parsed.spec.model).toMatchObject({
      router: 'compete',
      competeRate: 0.1,
      distillWeight: 1,
      winnerWeight: 1,
      routerMemory: 'independent',
      routerStateDim: 16,
    });
    if (!parsed.ok || parsed.spec.model.kind !== 'moe-lm') throw new Error('expected a moe-lm spec');
    expect(lmRouter(parsed.spec.model)).toEqual({
      kind: 'compete',
      k: 2,
      competeRate: 0.1,
      distillWeight: 1,
      winnerWeight: 1,
      capacityFactor: undefined,
    });
    const bad = parseSpec(tinySpec({ router: 'compete', competeRate: 2, routerMemory: 'lstm', routerStateDim: 0 }));
    expect(bad.ok).toBe(false);
    const errors = bad.ok ? [] : bad.errors;
    expect(errors.some((e) => e.startsWith('model.competeRate:'))).toBe(true);
    expect(errors.some((e) => e.startsWith('model.routerMemory:'))).toBe(true);
    expect(errors.some((e) => e.startsWith('model.routerStateDim:'))).toBe(true);
  });

  it('counts competition steps ≈ λ·steps, exactly as the seeded schedule says, and repeats with the seed', async () => {
    const spec = tinySpec({ router: 'compete', competeRate: 0.25 }, 24);
    const before = tf.memory().numTensors;
    const a = await run(spec);
    expect(tf.memory().numTensors).toBe(before);
    const schedule = createCompetitionSchedule({ kind: 'compete', k: 2, competeRate: 0.25 }, 7);
    for (let i = 0; i < 24; i++) schedule.next();
    expect(a.done.competitionSteps).toBe(schedule.count);
    expect(a.done.competitionSteps).toBeGreaterThanOrEqual(2);
    expect(a.done.competitionSteps).toBeLessThanOrEqual(12);
    const b = await run(spec);
    expect(b.done.competitionSteps).toBe(a.done.competitionSteps);
    expect(b.losses).toEqual(a.losses);
    // Competition changes training: the same seed with top-k gives other losses and no count.
    const topk = await run(tinySpec({ router: 'topk' }, 24));
    expect(topk.done.competitionSteps).toBeUndefined();
    expect(topk.losses).not.toEqual(a.losses);
  });

  it('λ = 0 never competes and trains exactly like top-k', async () => {
    const never = await run(tinySpec({ router: 'compete', competeRate: 0 }, 6));
    const topk = await run(tinySpec({ router: 'topk' }, 6));
    expect(never.done.competitionSteps).toBe(0);
    expect(never.losses).toEqual(topk.losses);
  });

  it('trains a recurrent router and reports inter-layer affinity in the routing snapshot', async () => {
    const before = tf.memory().numTensors;
    const recurrent = await run(tinySpec({ routerMemory: 'recurrent', routerStateDim: 6 }, 8));
    expect(tf.memory().numTensors).toBe(before);
    const independent = await run(tinySpec({}, 8));
    const peak = (r: { routing: RoutingSnapshotEvent[] }) => r.routing.at(-1)!.interLayerPeak!;
    expect(peak(recurrent)).toHaveLength(1);
    for (const r of [recurrent, independent]) {
      expect(peak(r)[0]).toBeGreaterThan(0);
      expect(peak(r)[0]).toBeLessThanOrEqual(1);
    }
    expect(recurrent.losses).not.toEqual(independent.losses);
    const done: DoneEvent = recurrent.done;
    expect(done.tasks.every((t) => Number.isFinite(t.validationLoss))).toBe(true);
  });
});
