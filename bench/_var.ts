import { makeClrsLiteDataset, maskField, targetField } from '../src/engine/data/clrsLite.ts';
const data = makeClrsLiteDataset({ numGraphs: 1500, numNodes: [8, 12], edgeProbability: [0.1, 0.35], connectedFraction: 0.5, tasks: ['bfs-hops', 'sp-dist', 'topo-order'], seed: 1 });
for (const t of data.taskNames) {
  const y = data.fields[targetField(t)].values, m = data.fields[maskField(t)].values;
  let n = 0, s = 0, s2 = 0, mx = 0; m.forEach((w, i) => { if (w) { n++; s += y[i]; s2 += y[i] ** 2; mx = Math.max(mx, y[i]); } });
  console.log(t, 'mean', (s / n).toFixed(3), 'var', (s2 / n - (s / n) ** 2).toFixed(4), 'max', mx.toFixed(3), 'count', n);
}
