import * as tf from '@tensorflow/tfjs';
tf.env().set('PROD', true);
await tf.setBackend('cpu');
for (const [m,k,n] of [[384,32,32],[384,16,16],[192,32,32],[64,64,64]]) {
const a = tf.randomNormal([m,k]), b = tf.randomNormal([k,n]);
for (let i=0;i<20;i++) tf.matMul(a,b).dispose();
const t = performance.now(); for (let i=0;i<200;i++) tf.matMul(a,b).dispose(); const ms=(performance.now()-t)/200;
console.log(m,k,n, ms.toFixed(3),'ms', (m*k*n/ms/1e3).toFixed(0), 'MMAC/s');
const x = tf.randomNormal([m,n]); const t2 = performance.now(); for (let i=0;i<200;i++) tf.add(x,x).dispose(); console.log(' add', ((performance.now()-t2)/200).toFixed(3));
}
