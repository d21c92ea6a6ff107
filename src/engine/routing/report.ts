// Every routing statistic of a trace in one JSON-ready object: the shape of `tasklab routing`'s output
// (ALGORITHMS.md §0), plus the extra diagnostics of Part 2 §2 under their own keys.
import { interLayerAffinity } from './affinity.ts';
import { domainUsage, type DomainUsage } from './domains.ts';
import { coefficientOfVariation, dropRate, expertLoad, routerEntropy, weightsAreLogits } from './load.ts';
import { layerSch } from './sch.ts';
import { addSrpCounts, emptySrpCounts, mergeSrpCounts, srpFromCounts, type SrpCounts, type SrpResult } from './srp.ts';
import { routingStability, type Stability } from './stability.ts';
import { numSequences, numTokens, TraceError, type RoutingTrace } from './trace.ts';

export interface ReportOptions {
  /** Window lengths m for SRP, and look-aheads L for SCH. */
  segments: number[];
  /** Capacity factors for the what-if drop rate. */
  capacityFactors?: number[];
  /** A second checkpoint's trace of the same tokens, for stability. */
  compare?: RoutingTrace;
}

export const DEFAULT_SEGMENTS = [4, 16, 64];
export const DEFAULT_CAPACITY_FACTORS = [1, 1.25, 2];

export interface LayerReport {
  /** SRP per segment length m (key = m); null when the layer had no window of that length. */
  srp: Record<string, number | null>;
  /** SCH hit rate per look-ahead L (key = L): [hit rate at cache size C = 1..E]. */
  sch: Record<string, number[]>;
  /** Share of the layer's activations per expert (sums to 1). */
  load: number[];
  loadCV: number;
  /** Mean normalised router entropy; absent without weights. */
  entropy?: number;
  marginalEntropy?: number;
  srpDetail: Record<string, Omit<SrpResult, 'srp'> | null>;
  dropRate: Record<string, number>;
  domainUsage?: DomainUsage;
}

export interface RoutingReport {
  numLayers: number;
  numExperts: number;
  topK: number | 'variable';
  numSequences: number;
  numTokens: number;
  layers: LayerReport[];
  model: { srp: Record<string, number | null>; srpDetail: Record<string, Omit<SrpResult, 'srp'> | null> };
  /** conditional[a][b] = P(expert b at layer `to` | expert a at layer `from`). */
  interLayer: { from: number; to: number; peak: number; conditional: number[][] }[];
  stability?: Stability;
  weightsAs?: 'probabilities' | 'logits';
}

function detail(result: SrpResult | null): Omit<SrpResult, 'srp'> | null {
  return result && { threshold: result.threshold, bestM: result.bestM, actR: result.actR };
}

function matrix(values: Float64Array, size: number): number[][] {
  return Array.from({ length: size }, (_, a) => Array.from(values.subarray(a * size, (a + 1) * size)));
}

export function analyseTrace(trace: RoutingTrace, options: ReportOptions): RoutingReport {
  // Every statistic would be a meaningless 0 (or NaN).
  if (numTokens(trace) === 0) throw new TraceError('the trace holds no tokens (no sequences, or only empty ones): nothing to analyse');
  const segments = options.segments;
  const factors = options.capacityFactors ?? DEFAULT_CAPACITY_FACTORS;
  const logits = weightsAreLogits(trace);
  const pooled: SrpCounts[][] = segments.map(() => []);
  const layers = Array.from({ length: trace.numLayers }, (_, l): LayerReport => {
    const load = expertLoad(trace, l);
    const layer: LayerReport = {
      srp: {},
      sch: {},
      load: Array.from(load),
      loadCV: coefficientOfVariation(load),
      srpDetail: {},
      dropRate: {},
    };
    segments.forEach((m, i) => {
      const counts = addSrpCounts(trace, l, emptySrpCounts(m));
      pooled[i].push(counts);
      const result = srpFromCounts(counts);
      layer.srp[m] = result ? result.srp : null;
      layer.srpDetail[m] = detail(result);
      layer.sch[m] = Array.from(layerSch(trace, l, m));
    });
    const entropy = routerEntropy(trace, l, logits);
    if (entropy) {
      layer.entropy = entropy.mean;
      layer.marginalEntropy = entropy.marginal;
    }
    for (const cf of factors) layer.dropRate[cf] = dropRate(trace, l, cf);
    const domains = domainUsage(trace, l);
    if (domains) layer.domainUsage = domains;
    return layer;
  });
  const model: RoutingReport['model'] = { srp: {}, srpDetail: {} };
  segments.forEach((m, i) => {
    const result = srpFromCounts(mergeSrpCounts(pooled[i]));
    model.srp[m] = result ? result.srp : null;
    model.srpDetail[m] = detail(result);
  });
  const interLayer = [];
  for (let l = 0; l + 1 < trace.numLayers; l++) {
    const affinity = interLayerAffinity(trace, l);
    interLayer.push({ from: l, to: l + 1, peak: affinity.peak, conditional: matrix(affinity.conditional, trace.numExperts) });
  }
  const report: RoutingReport = {
    numLayers: trace.numLayers,
    numExperts: trace.numExperts,
    topK: trace.variableK ? 'variable' : trace.topK,
    numSequences: numSequences(trace),
    numTokens: numTokens(trace),
    layers,
    model,
    interLayer,
  };
  if (trace.weights) report.weightsAs = logits ? 'logits' : 'probabilities';
  if (options.compare) report.stability = routingStability(trace, options.compare);
  return report;
}
