// The anomaly data set at its defaults (the `anomaly-*` examples): MMoE's ReLU experts collapse, and
// HoME's expert normalisation + Swish switch alone removes the collapse. bench/expertHealth.ts reports
// five seeds and the other anomalies; this is one seed that holds on cpu.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES } from '../../shared/examples.ts';
import type { HealthSnapshotEvent, RunEvent } from '../../protocol/index.ts';
import { runExperiment } from '../run.ts';

beforeAll(async () => {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
});

async function finalHealth(spec: unknown): Promise<HealthSnapshotEvent> {
  let health: HealthSnapshotEvent | undefined;
  await runExperiment(spec, {
    keepBackend: true,
    emit: (e: RunEvent) => void (e.type === 'snapshot' && e.kind === 'health' && (health = e)),
  });
  return health!;
}

describe('the anomaly data set', () => {
  it('MMoE shows expert collapse; HoME with only expert normalisation + Swish shows none', async () => {
    const mmoe = await finalHealth({ ...EXAMPLES['anomaly-mmoe'].spec(1), backend: 'cpu' });
    const collapsed = mmoe.flags.filter((f) => f.anomaly === 'collapse');
    expect(collapsed.length).toBeGreaterThan(0);
    expect(collapsed[0].message).toMatch(
      /^Expert collapse: expert "e\d" has (9\d|100)% zero activations \(threshold 90%\)\.$/,
    );

    const { model: _, ...rest } = EXAMPLES['anomaly-mmoe'].spec(1);
    const home = await finalHealth({
      ...rest,
      backend: 'cpu',
      model: {
        kind: 'home',
        taskExperts: 1,
        sharedExperts: 2,
        expertHidden: 16,
        expertOutput: 16,
        towerHidden: 16,
        expertNorm: true,
        hierarchyMask: false,
        featureGate: false,
        selfGate: false,
      },
    });
    expect(home.flags.filter((f) => f.anomaly === 'collapse')).toEqual([]);
    expect(Math.max(...home.layers[0].zeroShare)).toBe(0);
    console.log(
      `MMoE: ${collapsed.map((f) => f.message).join(' ')} | HoME (norm only) flags: ${home.flags.map((f) => f.message).join(' ') || 'none'}`,
    );
  }, 900_000);
});
