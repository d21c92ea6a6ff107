// The GNN must train on the wasm backend too, where gather has no gradient (no UnsortedSegmentSum
// kernel): run the real entry point on cpu and on wasm and compare. Both backends are chosen by
// runExperiment itself, as the CLI does.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DoneEvent, ExperimentSpecInput, RunEvent } from '../../protocol/index.ts';
import { nodeWasmFolder } from '../../cli/io.ts';
import { runExperiment } from '../run.ts';
import type { Aggregation } from './gnnProcessor.ts';

beforeAll(() => {
  tf.env().set('PROD', true);
});

const spec = (backend: 'cpu' | 'wasm', aggregation: Aggregation): ExperimentSpecInput => ({
  seed: 11,
  backend,
  dataset: { kind: 'clrs-lite', numGraphs: 48, numNodes: [4, 7], edgeProbability: [0.2, 0.5] },
  model: { kind: 'gnn', hidden: 8, layers: 2, aggregation },
  training: { steps: 15, batchSize: 8, learningRate: 0.01, validationFraction: 0.25 },
});

async function run(
  backend: 'cpu' | 'wasm',
  aggregation: Aggregation,
): Promise<{ done: DoneEvent; backendUsed: string; losses: number[] }> {
  let backendUsed = '';
  const losses: number[] = [];
  const emit = (event: RunEvent) => {
    if (event.type === 'ready') backendUsed = event.backend;
    if (event.type === 'progress') losses.push(...event.losses);
  };
  const done = await runExperiment(spec(backend, aggregation), { emit, backend: { wasmPaths: nodeWasmFolder() } });
  return { done, backendUsed, losses };
}

describe('gnn on the wasm backend', () => {
  it.each(['attention', 'mean', 'max'] as Aggregation[])('%s: trains on wasm and matches cpu', async (aggregation) => {
    const onWasm = await run('wasm', aggregation);
    const onCpu = await run('cpu', aggregation);
    expect(onWasm.backendUsed).toBe('wasm');
    expect(onCpu.backendUsed).toBe('cpu');
    expect(onWasm.done.stepsRun).toBe(15);
    expect(onWasm.losses.length).toBe(15 * 7);
    expect(onWasm.losses.every(Number.isFinite)).toBe(true);
    // Same seed, same data, same initialisation: only float rounding may differ between backends.
    onWasm.losses.forEach((loss, i) => expect(loss).toBeCloseTo(onCpu.losses[i], 2));
    onWasm.done.tasks.forEach((task, t) =>
      expect(task.validationScore).toBeCloseTo(onCpu.done.tasks[t].validationScore, 2),
    );
  });
});
