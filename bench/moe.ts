// MoE layer forward + backward, sparse dispatch vs the dense reference, on tfjs cpu and wasm in Node.
// E = 16, k = 2, N = 2048 tokens, d = 64, h = 256, capacity factor 1.25 (issue 6).
// Run: npx tsx bench/moe.ts [--reps N] [--backends cpu,wasm]
import { execFileSync } from 'node:child_process';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { nodeWasmFolder } from '../src/cli/io.ts';
import { createMoeLayer } from '../src/engine/models/moe/moeLayer.ts';
import type { DispatchMode } from '../src/engine/models/moe/types.ts';
import { createRng, normalArray } from '../src/engine/util/random.ts';
import { median } from '../src/shared/stats.ts';

const E = 16,
  K = 2,
  N = 2048,
  D = 64,
  H = 256,
  CF = 1.25;
const repsArg = process.argv.indexOf('--reps');
// One timed step after one warm-up by default: the dense cpu step alone takes tens of seconds on a busy 2-core box.
const REPS = repsArg > 0 ? Number(process.argv[repsArg + 1]) : 1;
const backendsArg = process.argv.indexOf('--backends');
const BACKENDS = (backendsArg > 0 ? process.argv[backendsArg + 1] : 'cpu,wasm').split(',') as ('cpu' | 'wasm')[];

async function measure(backend: 'cpu' | 'wasm') {
  await tf.setBackend(backend);
  await tf.ready();
  const layer = createMoeLayer(
    { inputDim: D, hiddenDim: H, numExperts: E, router: { kind: 'topk', k: K, capacityFactor: CF } },
    createRng(1),
  );
  const x = tf.tensor2d(normalArray(createRng(2), N * D), [N, D]);
  const r = tf.tensor2d(normalArray(createRng(3), N * D), [N, D]);
  let dropRate = 0;
  const step = (mode: DispatchMode) => {
    const { value, grads } = tf.variableGrads(() => {
      const out = layer.apply(x, { mode });
      dropRate = out.routing.dropRate;
      return tf.add(tf.sum(tf.mul(out.output, r)), out.aux.total) as tf.Scalar;
    }, layer.variables);
    const all = [value, ...Object.values(grads)];
    for (const t of all) t.dataSync(); // wait for every gradient
    const loss = value.dataSync()[0];
    const w1Grad = Float32Array.from(grads[layer.experts.w1.name].dataSync());
    tf.dispose(all);
    return { loss, w1Grad };
  };
  // Dense and sparse steps alternate, so both see the same machine load; the speed-up is the
  // median of the per-pair ratios.
  let b = step('dense'); // warm-up: kernels compiled, buffers allocated
  let a = step('sparse');
  const denseTimes: number[] = [];
  const sparseTimes: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < REPS; i++) {
    let start = performance.now();
    b = step('dense');
    denseTimes.push(performance.now() - start);
    start = performance.now();
    a = step('sparse');
    sparseTimes.push(performance.now() - start);
    ratios.push(denseTimes[i] / sparseTimes[i]);
  }
  const dense = median(denseTimes);
  const sparse = median(sparseTimes);
  const gradDiff = a.w1Grad.reduce((m, v, i) => Math.max(m, Math.abs(v - b.w1Grad[i])), 0);
  const before = tf.memory().numTensors;
  step('sparse');
  const leaked = tf.memory().numTensors - before;
  tf.dispose([x, r]);
  layer.dispose();
  return {
    backend,
    denseMs: dense,
    sparseMs: sparse,
    speedup: median(ratios),
    dropRate,
    lossDiff: Math.abs(a.loss - b.loss),
    gradDiff,
    leaked,
  };
}

/** Median ms of the same layer's sparse fwd+bwd in PyTorch CPU, 1 thread (Debian's python3-torch: generic BLAS), or null without torch. */
function torchSparseMs(): number | null {
  const script = new URL('./torch_moe_layer.py', import.meta.url).pathname;
  for (const python of ['/usr/bin/python3', 'python3']) {
    try {
      return Number(
        execFileSync(python, [script, ...[E, K, N, D, H, CF, Math.max(3, REPS)].map(String)], {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore'],
        }).trim(),
      );
    } catch {
      // No torch in this Python: try the next one.
    }
  }
  return null;
}

async function main() {
  tf.env().set('PROD', true);
  setWasmPaths(nodeWasmFolder());
  console.log(
    `MoE layer fwd+bwd: E=${E} k=${K} N=${N} d=${D} h=${H} CF=${CF}; median of ${REPS} alternating dense/sparse pairs after 1 warm-up each`,
  );
  const rows = [];
  for (const backend of BACKENDS) rows.push(await measure(backend));
  console.table(
    rows.map((r) => ({
      backend: r.backend,
      'dense ms': r.denseMs.toFixed(0),
      'sparse ms': r.sparseMs.toFixed(0),
      'speed-up (median pair)': `${r.speedup.toFixed(2)}×`,
      'speed-up (median ms)': `${(r.denseMs / r.sparseMs).toFixed(2)}×`,
      'drop rate': r.dropRate.toFixed(4),
      '|Δ loss|': r.lossDiff.toExponential(1),
      'max |Δ dW1|': r.gradDiff.toExponential(1),
      'tensors leaked/step': r.leaked,
    })),
  );
  console.log(
    `FLOP ratio E/(k·CF) = ${(E / (K * CF)).toFixed(2)}× (the dense reference also pays for broadcasting x and the masked combine).`,
  );
  console.log('Both modes share one routing decision, so losses and gradients agree to float rounding.');
  const wasm = rows.find((r) => r.backend === 'wasm');
  const torch = torchSparseMs();
  if (wasm && torch !== null) {
    console.log(
      `Sparse fwd+bwd: tfjs wasm ${wasm.sparseMs.toFixed(0)} ms, PyTorch CPU 1 thread ${torch.toFixed(0)} ms (Debian's python3-torch, generic BLAS): wasm / PyTorch = ${(wasm.sparseMs / torch).toFixed(2)}×`,
    );
  } else if (wasm) console.log('PyTorch not installed (apt-get install python3-torch): no side-by-side ratio.');
}

main();
