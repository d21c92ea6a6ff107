// Expert health statistics (HoME's three anomalies, arXiv 2408.05430 §3): from what a model's experts
// and gates did on a fixed probe batch to per-expert zero shares, output spreads, task occupancy, and
// flags that name the anomaly, the expert and the task. Pure arithmetic on plain arrays.
import { HEALTH_THRESHOLDS as LIMITS, type HealthFlag, type HealthLayer } from '../../protocol/health.ts';
import { median, pct } from '../../shared/stats.ts';

/** One layer of experts on the probe rows, read back from the device. */
export interface ExpertActivity {
  name: string;
  expertNames: string[];
  /** Per expert, the groups whose gate may use it (one group: a specific expert). */
  owners: number[][];
  /** [E × rows × hidden] hidden activations of each expert (rows may differ from the gate's N). */
  hidden: Float32Array;
  /** [E × rows × out] outputs of each expert. */
  outputs: Float32Array;
  /** Output units per expert (the `out` above). */
  outputDim: number;
  /** [G × N × E] gate weights (0 where a gate cannot see an expert). */
  gateWeights: Float32Array;
  /** [E] share of the routed tokens each expert processed (routed MoE layers only). */
  load?: Float32Array;
}

/**
 * An expert's outputs [rows × units]: the mean of all values, and the mean over output units of each
 * unit's std across rows (how much the output moves with the input; 0 for a dead expert, whatever its biases).
 */
function meanStd(values: Float32Array, units: number): [number, number] {
  const rows = values.length / units;
  let sum = 0;
  let stdSum = 0;
  for (let u = 0; u < units; u++) {
    let s = 0;
    for (let r = 0; r < rows; r++) s += values[r * units + u];
    const m = s / rows;
    let sq = 0;
    for (let r = 0; r < rows; r++) sq += (values[r * units + u] - m) ** 2;
    sum += s;
    stdSum += Math.sqrt(sq / rows);
  }
  return [sum / values.length, stdSum / units];
}

export function layerHealth(activity: ExpertActivity, numGroups: number): HealthLayer {
  const E = activity.expertNames.length;
  const G = numGroups;
  const perHidden = activity.hidden.length / E;
  const perOutput = activity.outputs.length / E;
  const zeroShare = new Float32Array(E);
  const outputMean = new Float32Array(E);
  const outputStd = new Float32Array(E);
  for (let e = 0; e < E; e++) {
    let zeros = 0;
    for (let i = e * perHidden; i < (e + 1) * perHidden; i++) if (activity.hidden[i] === 0) zeros++;
    zeroShare[e] = zeros / perHidden;
    [outputMean[e], outputStd[e]] = meanStd(
      activity.outputs.subarray(e * perOutput, (e + 1) * perOutput),
      activity.outputDim,
    );
  }
  const n = activity.gateWeights.length / (G * E);
  const gateWeight = new Float32Array(G * E);
  for (let g = 0; g < G; g++) {
    for (let i = 0; i < n; i++)
      for (let e = 0; e < E; e++) gateWeight[g * E + e] += activity.gateWeights[(g * n + i) * E + e] / n;
  }
  const occupancy = new Float32Array(E * G);
  for (let e = 0; e < E; e++) {
    let total = 0;
    for (let g = 0; g < G; g++) total += gateWeight[g * E + e];
    for (let g = 0; g < G; g++) occupancy[e * G + g] = total > 0 ? gateWeight[g * E + e] / total : 0;
  }
  const specificWeight = new Float32Array(G).fill(NaN);
  const uniformSpecific = new Float32Array(G).fill(NaN);
  for (let g = 0; g < G; g++) {
    const own = activity.owners.map((o, e) => (o.length === 1 && o[0] === g ? e : -1)).filter((e) => e >= 0);
    if (own.length === 0) continue;
    const visible = activity.owners.filter((o) => o.includes(g)).length;
    specificWeight[g] = own.reduce((sum, e) => sum + gateWeight[g * E + e], 0);
    uniformSpecific[g] = own.length / visible;
  }
  return {
    name: activity.name,
    expertNames: activity.expertNames,
    owners: activity.owners,
    zeroShare,
    outputMean,
    outputStd,
    gateWeight,
    occupancy,
    specificWeight,
    uniformSpecific,
    ...(activity.load ? { load: activity.load.slice() } : {}),
  };
}

/** The anomalies in a layer, each in words with its threshold. */
export function healthFlags(
  layer: HealthLayer,
  index: number,
  groupNames: string[],
  dataShare: Float32Array,
  groupWord = 'task',
): HealthFlag[] {
  const flags: HealthFlag[] = [];
  const G = groupNames.length;
  const where = (expert: string) =>
    `expert "${expert}"${index > 0 || layer.name !== 'experts' ? ` (${layer.name})` : ''}`;
  const typicalStd = median(Array.from(layer.outputStd));
  layer.expertNames.forEach((expert, e) => {
    const zeros = layer.zeroShare[e];
    if (zeros >= LIMITS.zeroShare) {
      flags.push({
        anomaly: 'collapse',
        layer: index,
        expert,
        value: zeros,
        threshold: LIMITS.zeroShare,
        message: `Expert collapse: ${where(expert)} has ${pct(zeros, 0)} zero activations (threshold ${pct(LIMITS.zeroShare, 0)}).`,
      });
    } else if (layer.expertNames.length > 1 && layer.outputStd[e] < LIMITS.spreadRatio * typicalStd) {
      const ratio = layer.outputStd[e] / typicalStd;
      flags.push({
        anomaly: 'collapse',
        layer: index,
        expert,
        value: ratio,
        threshold: LIMITS.spreadRatio,
        message: `Expert collapse: ${where(expert)} has output std ${layer.outputStd[e].toPrecision(2)}, ${pct(ratio, 0)} of the layer's median ${typicalStd.toPrecision(2)} (threshold ${pct(LIMITS.spreadRatio, 0)}).`,
      });
    }
    if (layer.owners[e].length < 2) return;
    let top = 0;
    for (let g = 1; g < G; g++) if (layer.occupancy[e * G + g] > layer.occupancy[e * G + top]) top = g;
    const share = layer.occupancy[e * G + top];
    if (share >= LIMITS.occupancy) {
      flags.push({
        anomaly: 'degradation',
        layer: index,
        expert,
        task: groupNames[top],
        value: share,
        threshold: LIMITS.occupancy,
        message: `Expert degradation: shared ${where(expert)} gets ${pct(share, 0)} of its gate weight from ${groupWord} "${groupNames[top]}" (threshold ${pct(LIMITS.occupancy, 0)}).`,
      });
    }
  });
  const meanShare = 1 / G;
  groupNames.forEach((task, g) => {
    const own = layer.specificWeight[g];
    if (Number.isNaN(own) || dataShare[g] >= LIMITS.sparseShare * meanShare) return;
    const ratio = own / layer.uniformSpecific[g];
    if (ratio >= LIMITS.specificWeight) return;
    flags.push({
      anomaly: 'underfitting',
      layer: index,
      task,
      value: ratio,
      threshold: LIMITS.specificWeight,
      message: `Expert underfitting: data-sparse ${groupWord} "${task}" (${pct(dataShare[g], 0)} of the labels) gives its own experts ${pct(own, 0)} of its gate weight, ${pct(ratio, 0)} of a uniform gate's ${pct(layer.uniformSpecific[g], 0)} (threshold ${pct(LIMITS.specificWeight, 0)}).`,
    });
  });
  return flags;
}
