import * as tf from '@tensorflow/tfjs';
import { CLRS_TASKS } from '../src/protocol.ts';
import { makeClrsLiteDataset, graphTasksOf } from '../src/engine/data/clrsLite.ts';
import { createGnn } from '../src/engine/models/gnn.ts';
import { gatherBatch, toDevice } from '../src/engine/train/batches.ts';
import { createRng } from '../src/engine/util/random.ts';
tf.env().set('PROD', true);
await tf.setBackend('cpu');
const data = makeClrsLiteDataset({ numGraphs: 64, numNodes: [8, 12], edgeProbability: [0.1, 0.35], connectedFraction: 0.5, tasks: [...CLRS_TASKS], seed: 1 });
const model = createGnn({ tasks: graphTasksOf(data), hidden: 32, layers: 3, aggregation: 'attention' }, createRng(1));
const device = toDevice(data);
const batch = gatherBatch(device, Int32Array.from({length:32},(_, i)=>i));


const prof = await tf.profile(() => { const {value, grads} = tf.variableGrads(() => tf.sum(model.taskLosses(batch)) as tf.Scalar); tf.dispose(grads); return value; });
const agg: Record<string, {n:number, ms:number}> = {};
let total = 0;
for (const k of prof.kernels) { const a = agg[k.name] ??= {n:0, ms:0}; a.n++; a.ms += k.kernelTimeMs as number; total += k.kernelTimeMs as number; }
console.log('total kernel ms', total, 'kernels', prof.kernels.length);
console.table(Object.entries(agg).sort((a,b)=>b[1].ms-a[1].ms).slice(0,20).map(([k,v])=>({k, ...v})));
const big = prof.kernels.filter(k => (k.kernelTimeMs as number) > 5).map(k => ({name: k.name, ms: k.kernelTimeMs, shapes: JSON.stringify(k.inputShapes)}));
console.table(big.slice(0, 30));
const t0 = performance.now();
for (let i = 0; i < 5; i++) { const {value, grads} = tf.variableGrads(() => tf.sum(model.taskLosses(batch)) as tf.Scalar); tf.dispose(grads); value.dispose(); }
console.log('wall ms per fwd+bwd', (performance.now() - t0) / 5);
