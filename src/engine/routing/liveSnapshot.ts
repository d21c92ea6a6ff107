// Live routing snapshots (ALGORITHMS.md Part 2 §1–§2): turns what a model's routers did on a fixed
// probe batch into a RoutingSnapshotEvent of plain typed arrays — per-layer load, CV, entropy, drop
// rate, group × expert usage, and for sequence models SRP/SCH, inter-layer affinity and a token sample.
import type { RoutingLayerSnapshot, RoutingSnapshotEvent } from '../../protocol/index.ts';
import type { RoutingInfo } from '../models/moe/types.ts';
import type { TensorBatch } from '../train/batches.ts';
import { interLayerAffinity } from './affinity.ts';
import { coefficientOfVariation } from './load.ts';
import { layerSch } from './sch.ts';
import { addSrpCounts, emptySrpCounts, srpFromCounts } from './srp.ts';
import { allocateIds, type RoutingTrace } from './trace.ts';

/** One layer's decisions on the probe tokens (a RoutingInfo, or a gate made to look like one). */
export type ProbeLayer = Pick<RoutingInfo, 'numExperts' | 'maxK' | 'topIds' | 'kept' | 'probs' | 'dropRate'> & {
  /** [N·E] mixture weights each token used; usage and load are weighted by them (dense gates). Else kept choices count 1. */
  mixture?: Float32Array;
};

export interface ProbeRouting {
  groupKind: 'task' | 'domain';
  groupNames: string[];
  expertNames: string[];
  /** [N] group of each probe token. */
  groupOf: Int32Array;
  layers: ProbeLayer[];
  /** Sequence models: tokens are ordered s·length + t. */
  sequences?: { length: number; domainOf: Int32Array; chars: string[][] };
}

/** A model that can show its routing on a batch without training. */
export interface RoutedModel {
  probeRouting(batch: TensorBatch): ProbeRouting;
}

export const isRoutedModel = (model: object): model is RoutedModel => 'probeRouting' in model;

/** Segment lengths (SRP) and look-aheads (SCH) that fit in sequences of `length` tokens. */
export const liveSegments = (length: number) => [2, 4, 8, 16, 32, 64].filter((m) => m <= length);

/** Sequences shown in the token strip: the first probe sequence of each domain. */
const SAMPLE_PER_DOMAIN = 1;

function layerStats(layer: ProbeLayer, probe: ProbeRouting): RoutingLayerSnapshot {
  const { numExperts: E, maxK, topIds, kept, probs, mixture } = layer;
  const groups = probe.groupNames.length;
  const n = probe.groupOf.length;
  const usage = new Float64Array(groups * E);
  for (let t = 0; t < n; t++) {
    const row = probe.groupOf[t] * E;
    if (mixture) for (let e = 0; e < E; e++) usage[row + e] += mixture[t * E + e];
    else
      for (let j = 0; j < maxK; j++)
        if (topIds[t * maxK + j] >= 0 && kept[t * maxK + j]) usage[row + topIds[t * maxK + j]]++;
  }
  const load = new Float32Array(E);
  let total = 0;
  for (let i = 0; i < usage.length; i++) {
    load[i % E] += usage[i];
    total += usage[i];
  }
  if (total > 0) for (let e = 0; e < E; e++) load[e] /= total;
  const rows = new Float32Array(groups * E);
  for (let g = 0; g < groups; g++) {
    let sum = 0;
    for (let e = 0; e < E; e++) sum += usage[g * E + e];
    for (let e = 0; e < E; e++) rows[g * E + e] = sum > 0 ? usage[g * E + e] / sum : 0;
  }
  let entropy = 0;
  for (let t = 0; t < n; t++) {
    for (let e = 0; e < E; e++) {
      const p = probs[t * E + e];
      if (p > 0) entropy -= p * Math.log(p);
    }
  }
  return {
    load,
    loadCV: coefficientOfVariation(load),
    entropy: n > 0 && E > 1 ? entropy / n / Math.log(E) : 0,
    dropRate: layer.dropRate,
    usage: rows,
  };
}

/** The probe's kept choices as a trace (one sequence per probe sequence), for SRP, SCH and affinity. */
export function probeTrace(probe: ProbeRouting): RoutingTrace {
  const seq = probe.sequences!;
  const E = probe.layers[0].numExperts;
  const n = probe.groupOf.length;
  const k = Math.max(1, ...probe.layers.map((l) => l.maxK));
  const experts = probe.layers.map(() => allocateIds(E, n * k));
  const counts = probe.layers.map(() => new Uint16Array(n));
  probe.layers.forEach((layer, l) => {
    for (let t = 0; t < n; t++) {
      let c = 0;
      for (let j = 0; j < layer.maxK; j++) {
        const id = layer.topIds[t * layer.maxK + j];
        if (id >= 0 && layer.kept[t * layer.maxK + j]) experts[l][t * k + c++] = id;
      }
      counts[l][t] = c;
    }
  });
  const numSeq = n / seq.length;
  return {
    numLayers: probe.layers.length,
    numExperts: E,
    topK: k,
    variableK: true,
    seqStarts: Int32Array.from({ length: numSeq + 1 }, (_, s) => s * seq.length),
    experts,
    counts,
    weights: null,
    tokens: Array.from({ length: numSeq }, () => null),
    domains: Array.from({ length: numSeq }, () => null),
  };
}

/** Share of tokens whose set of kept experts differs between two probes of the same tokens. */
function changedShare(a: ProbeLayer, b: ProbeLayer, n: number): number {
  const setOf = (layer: ProbeLayer, t: number) => {
    const ids: number[] = [];
    for (let j = 0; j < layer.maxK; j++)
      if (layer.topIds[t * layer.maxK + j] >= 0 && layer.kept[t * layer.maxK + j])
        ids.push(layer.topIds[t * layer.maxK + j]);
    return ids.sort((x, y) => x - y).join(',');
  };
  let changed = 0;
  for (let t = 0; t < n; t++) if (setOf(a, t) !== setOf(b, t)) changed++;
  return n > 0 ? changed / n : 0;
}

export function buildRoutingSnapshot(probe: ProbeRouting, step: number, previous?: ProbeRouting): RoutingSnapshotEvent {
  const E = probe.layers[0]?.numExperts ?? probe.expertNames.length;
  const n = probe.groupOf.length;
  const layers = probe.layers.map((layer, l) => {
    const stats = layerStats(layer, probe);
    const before = previous?.layers[l];
    if (before && previous!.groupOf.length === n) stats.changed = changedShare(before, layer, n);
    return stats;
  });
  const event: RoutingSnapshotEvent = {
    type: 'snapshot',
    kind: 'routing',
    step,
    numExperts: E,
    expertNames: probe.expertNames,
    groupKind: probe.groupKind,
    groupNames: probe.groupNames,
    layers,
  };
  const seq = probe.sequences;
  if (!seq) return event;

  const trace = probeTrace(probe);
  const segments = liveSegments(seq.length);
  event.segments = segments;
  layers.forEach((stats, l) => {
    stats.srp = Float32Array.from(
      segments,
      (m) => srpFromCounts(addSrpCounts(trace, l, emptySrpCounts(m)))?.srp ?? NaN,
    );
    const sch = new Float32Array(segments.length * E);
    segments.forEach((m, i) => sch.set(layerSch(trace, l, m), i * E));
    stats.sch = sch;
  });
  if (probe.layers.length > 1) {
    const inter = new Float32Array((probe.layers.length - 1) * E * E);
    const peaks = new Float32Array(probe.layers.length - 1);
    for (let l = 0; l + 1 < probe.layers.length; l++) {
      const { conditional, peak } = interLayerAffinity(trace, l);
      // Undo the peak's 1/k so the number reads the same at any k: 1 = each expert's tokens all go on to one expert.
      peaks[l] = peak * Math.max(1, trace.topK);
      // Rows normalised to 1: the share of a's tokens' next-layer choices that went to b.
      for (let a = 0; a < E; a++) {
        let sum = 0;
        for (let b = 0; b < E; b++) sum += conditional[a * E + b];
        for (let b = 0; b < E; b++) inter[l * E * E + a * E + b] = sum > 0 ? conditional[a * E + b] / sum : 0;
      }
    }
    event.interLayer = inter;
    event.interLayerPeak = peaks;
  }
  event.sample = tokenSample(probe, trace);
  return event;
}

/** The first sequence(s) of each domain with every token's first kept expert per layer. */
function tokenSample(probe: ProbeRouting, trace: RoutingTrace) {
  const seq = probe.sequences!;
  const picked: number[] = [];
  probe.groupNames.forEach((_, d) => {
    const found = [...seq.domainOf.keys()].filter((s) => seq.domainOf[s] === d).slice(0, SAMPLE_PER_DOMAIN);
    picked.push(...found);
  });
  const L = probe.layers.length;
  const T = seq.length;
  const topExpert = new Int32Array(L * picked.length * T).fill(-1);
  for (let l = 0; l < L; l++) {
    picked.forEach((s, i) => {
      for (let t = 0; t < T; t++) {
        const token = s * T + t;
        if (trace.counts![l][token] > 0)
          topExpert[(l * picked.length + i) * T + t] = trace.experts[l][token * trace.topK];
      }
    });
  }
  return {
    texts: picked.map((s) => seq.chars[s].join('')),
    domains: picked.map((s) => probe.groupNames[seq.domainOf[s]]),
    topExpert,
    length: T,
  };
}
