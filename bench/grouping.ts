// Grouping benchmark: SDP solve time vs n (targets: n = 100 under 1 s, n = 500 under 10 s), the
// spectral baseline beside it, and the branching search's cost vs n·L.
// Run: npx tsx bench/grouping.ts
import * as tf from '@tensorflow/tfjs';
import { ExperimentSpec } from '../src/protocol/index.ts';
import { searchBranching, type AffinityProvider } from '../src/engine/grouping/branching.ts';
import { createCosineProvider } from '../src/engine/grouping/cosineProvider.ts';
import { groupTasks } from '../src/engine/grouping/group.ts';
import {
  interleavedLabels,
  plantedMatrix,
  randomSymmetricMatrix,
  samePartition,
} from '../src/engine/grouping/testMatrices.ts';
import { createRng } from '../src/engine/util/random.ts';

/** Wall and CPU seconds of fn: on a shared, loaded machine the CPU time is the fairer figure. */
function timed<T>(fn: () => T): { value: T; wall: number; cpu: number } {
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  const value = fn();
  const cpu = process.cpuUsage(cpu0);
  return { value, wall: (performance.now() - wall0) / 1000, cpu: (cpu.user + cpu.system) / 1e6 };
}

const pad = (cells: (string | number)[], widths: number[]) =>
  cells.map((c, i) => String(c).padStart(widths[i])).join('  ');
const f = (x: number, digits = 3) => x.toFixed(digits);

function sdpTable() {
  console.log(
    '\nSDP grouping (low-rank Burer–Monteiro + rounding + polish), k = 5, planted blocks with N(0, 0.3²) noise',
  );
  const widths = [5, 8, 8, 7, 5, 9, 9, 7, 8, 8, 9, 8];
  console.log(
    pad(
      [
        'n',
        'wall s',
        'cpu s',
        'iters',
        'conv',
        'D',
        'relaxed',
        'exact?',
        'spec wall',
        'spec cpu',
        'spec D',
        'spec ok?',
      ],
      widths,
    ),
  );
  for (const n of [20, 50, 100, 200, 500]) {
    const labels = interleavedLabels(n, 5);
    const t = plantedMatrix(labels, 0.3, n);
    const sdp = timed(() => groupTasks(t, 5, { method: 'sdp', seed: 1 }));
    const spectral = timed(() => groupTasks(t, 5, { method: 'spectral', seed: 1 }));
    const r = sdp.value;
    console.log(
      pad(
        [
          n,
          f(sdp.wall),
          f(sdp.cpu),
          r.sdp!.iterations,
          r.sdp!.converged ? 'yes' : 'no',
          f(r.objective, 2),
          f(r.sdp!.relaxationObjective, 2),
          samePartition(r.assignment, labels) ? 'yes' : 'no',
          f(spectral.wall),
          f(spectral.cpu),
          f(spectral.value.objective, 2),
          samePartition(spectral.value.assignment, labels) ? 'yes' : 'no',
        ],
        widths,
      ),
    );
  }
  console.log('\nSDP on unstructured matrices (entries U(0,1)), k = 5');
  const w = [5, 8, 8, 7, 5, 10];
  console.log(pad(['n', 'wall s', 'cpu s', 'iters', 'conv', 'violation'], w));
  for (const n of [20, 50, 100, 200, 500]) {
    const sdp = timed(() => groupTasks(randomSymmetricMatrix(n, n), 5, { method: 'sdp', seed: 1 }));
    const r = sdp.value;
    console.log(
      pad(
        [
          n,
          f(sdp.wall),
          f(sdp.cpu),
          r.sdp!.iterations,
          r.sdp!.converged ? 'yes' : 'no',
          r.sdp!.violation.toExponential(1),
        ],
        w,
      ),
    );
  }
  console.log(
    '\nSDP vs exhaustive optimum D*, 30 random U(0,1) matrices each, n = 10 ("raw" = best rounding before the polish)',
  );
  const w3 = [3, 11, 10, 15, 10, 13, 13];
  console.log(
    pad(['k', 'worst D/D*', 'mean D/D*', 'raw worst D/D*', 'raw ≥ 0.99', 'sdp s (mean)', 'exh s (mean)'], w3),
  );
  for (const k of [2, 3, 4]) {
    let worst = 1;
    let mean = 0;
    let rawWorst = 1;
    let rawGood = 0;
    let sdpSeconds = 0;
    let exhSeconds = 0;
    for (let seed = 0; seed < 30; seed++) {
      const t = randomSymmetricMatrix(10, 5000 + seed);
      const exact = groupTasks(t, k, { method: 'exhaustive' });
      const sdp = groupTasks(t, k, { method: 'sdp', seed });
      const raw = Math.max(...sdp.sdp!.roundings.map((r) => r.roundedObjective)) / exact.objective;
      worst = Math.min(worst, sdp.objective / exact.objective);
      mean += sdp.objective / exact.objective / 30;
      rawWorst = Math.min(rawWorst, raw);
      if (raw >= 0.99) rawGood++;
      sdpSeconds += sdp.seconds / 30;
      exhSeconds += exact.seconds / 30;
    }
    console.log(
      pad([k, f(worst, 4), f(mean, 4), f(rawWorst, 4), `${rawGood}/30`, f(sdpSeconds, 4), f(exhSeconds, 4)], w3),
    );
  }
}

/** Planted hierarchy of 4 sub-clusters in 2 super-clusters, served as matrices (no training). */
function matrixProvider(seed: number): AffinityProvider {
  const rng = createRng(seed);
  return async (tasks) =>
    tasks.map((i) =>
      tasks.map(
        (j) =>
          (i === j ? 1 : i % 4 === j % 4 ? 0.8 : i % 2 === j % 2 ? 0.5 : 0.1) + (i === j ? 0 : 0.03 * rng.normal()),
      ),
    );
}

async function branchingTables() {
  console.log(
    '\nBranching search with a matrix provider (planted 2-level hierarchy), arity 2: cost is the node splits',
  );
  const widths = [5, 3, 5, 7, 8, 8, 14];
  console.log(pad(['n', 'L', 'n·L', 'calls', 'wall s', 'cpu s', 'cpu ms per n·L'], widths));
  for (const n of [16, 32, 64, 128]) {
    for (const depth of [2, 3, 4]) {
      const cpu0 = process.cpuUsage();
      const started = performance.now();
      const result = await searchBranching(n, matrixProvider(n), { depth, arity: 2 });
      const seconds = (performance.now() - started) / 1000;
      const cpu = process.cpuUsage(cpu0);
      const cpuSeconds = (cpu.user + cpu.system) / 1e6;
      console.log(
        pad(
          [
            n,
            depth,
            n * depth,
            result.affinityCalls,
            f(seconds),
            f(cpuSeconds),
            f((1000 * cpuSeconds) / (n * depth), 2),
          ],
          widths,
        ),
      );
    }
  }

  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
  console.log(
    '\nBranching search with the gradient-cosine provider (tfjs cpu; 100 warm-up steps per layer, 4 batches per node), arity 2',
  );
  const w2 = [4, 3, 5, 7, 8, 8, 8, 16, 14];
  console.log(pad(['n', 'L', 'n·L', 'calls', 'passes', 'wall s', 'cpu s', 'passes/(n·(L-1))', 'cpu s per n·L'], w2));
  for (const n of [4, 8, 16]) {
    for (const depth of [2, 3]) {
      const spec = ExperimentSpec.parse({
        seed: 1,
        dataset: { kind: 'planted', numTasks: n, numGroups: 2, inputDim: 8, numSamples: 512 },
        model: { kind: 'shared-bottom', hidden: [16] },
        training: { steps: 100, batchSize: 64, learningRate: 0.01 },
      });
      const affinity = createCosineProvider(spec, { depth, batches: 4 });
      const cpu0 = process.cpuUsage();
      const started = performance.now();
      const result = await searchBranching(n, affinity.provider, { depth, arity: 2 });
      const seconds = (performance.now() - started) / 1000;
      const cpu = process.cpuUsage(cpu0);
      const cpuSeconds = (cpu.user + cpu.system) / 1e6;
      console.log(
        pad(
          [
            n,
            depth,
            n * depth,
            result.affinityCalls,
            affinity.passes(),
            f(seconds, 2),
            f(cpuSeconds, 2),
            f(affinity.passes() / (n * (depth - 1)), 2),
            f(cpuSeconds / (n * depth), 3),
          ],
          w2,
        ),
      );
      affinity.dispose();
    }
  }
}

sdpTable();
await branchingTables();
